import { Sm2PrivateKey } from '../../crypto/index.ts';
import type { KeyRing } from '../population/id-protection.ts';

/**
 * Private keys at rest: the SM2 scalar, encrypted and authenticated under the configured data keys
 * (SM4 with an SM3 HMAC, population/id-protection.ts), bound to its certificate's id so a stored key
 * cannot be moved to another certificate's row.
 */
const context = (certificateId: string) => `pki-key:${certificateId}`;

export function protectPrivateKey(keys: KeyRing, certificateId: string, key: Sm2PrivateKey): string {
  return keys.protect(Buffer.from(key.exportScalar()).toString('hex'), context(certificateId));
}

export function openPrivateKey(keys: KeyRing, certificateId: string, stored: string): Sm2PrivateKey {
  return Sm2PrivateKey.fromScalar(Buffer.from(keys.open(stored, context(certificateId)), 'hex'));
}

/**
 * A private key of another algorithm, held as PKCS#8 PEM (the RSA key that signs notices' PDFs,
 * notices/pdf-signing-authority.ts): encrypted and bound to its certificate's id the same way.
 */
const pemContext = (certificateId: string) => `pki-pem-key:${certificateId}`;

export function protectPemKey(keys: KeyRing, certificateId: string, pkcs8Pem: string): string {
  return keys.protect(pkcs8Pem, pemContext(certificateId));
}

export function openPemKey(keys: KeyRing, certificateId: string, stored: string): string {
  return keys.open(stored, pemContext(certificateId));
}
