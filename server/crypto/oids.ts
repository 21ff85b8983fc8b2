// Object identifiers used across the core (GB/T 33560, RFC 5280, RFC 5480).
export const Oid = {
  /** SM2 curve / SM2 algorithm (GB/T 33560: sm2 = 1.2.156.10197.1.301). */
  sm2: '1.2.156.10197.1.301',
  /** SM2 signature with SM3 digest (sm2-with-sm3). */
  sm2WithSm3: '1.2.156.10197.1.501',
  sm3: '1.2.156.10197.1.401',
  /** id-ecPublicKey: OpenSSL and GM/T 0015 put SM2 keys under it with the sm2 curve as parameter. */
  ecPublicKey: '1.2.840.10045.2.1',

  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  stateOrProvince: '2.5.4.8',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',

  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;
