// A small SM2 PKI for tests: root CA -> intermediate CA -> end entities.
import { generateSm2KeyPair, type Sm2KeyPair } from '../../sm2/keys.ts';
import type { Certificate } from '../../x509/certificate.ts';
import { issueCertificate, type CertificateRequest } from '../../x509/certificate-issue.ts';

export const DAY = 86_400_000;
/** Fixed instants keep the tests independent of the machine clock. */
export const T0 = new Date('2030-01-01T00:00:00Z');
export const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

export interface Holder {
  readonly keys: Sm2KeyPair;
  readonly certificate: Certificate;
}

export interface TestPki {
  readonly root: Holder;
  readonly intermediate: Holder;
  issue(commonName: string, options?: Partial<CertificateRequest>): Holder;
}

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** caValidity overrides the CA certificates' fixed windows (tests that use the real clock). */
export function createTestPki(signatureId?: string, caValidity?: Validity): TestPki {
  const rootKeys = generateSm2KeyPair();
  const root = issueCertificate(
    {
      subject: [
        { type: 'C', value: 'CN' },
        { type: 'O', value: '户政测试' },
        { type: 'CN', value: 'Test Root CA' },
      ],
      publicKey: rootKeys.publicKey,
      notBefore: at(-3650),
      notAfter: at(3650),
      ...caValidity,
      ca: { pathLength: 1 },
    },
    { privateKey: rootKeys.privateKey, signatureId },
  );
  const interKeys = generateSm2KeyPair();
  const intermediate = issueCertificate(
    {
      subject: [
        { type: 'C', value: 'CN' },
        { type: 'CN', value: 'Test Issuing CA' },
      ],
      publicKey: interKeys.publicKey,
      notBefore: at(-3000),
      notAfter: at(3000),
      ...caValidity,
      ca: { pathLength: 0 },
    },
    { certificate: root, privateKey: rootKeys.privateKey, signatureId },
  );
  return {
    root: { keys: rootKeys, certificate: root },
    intermediate: { keys: interKeys, certificate: intermediate },
    issue(commonName, options = {}) {
      const keys = generateSm2KeyPair();
      const certificate = issueCertificate(
        {
          subject: [
            { type: 'C', value: 'CN' },
            { type: 'CN', value: commonName },
          ],
          publicKey: keys.publicKey,
          notBefore: at(-365),
          notAfter: at(365),
          ...options,
        },
        { certificate: intermediate, privateKey: interKeys.privateKey, signatureId },
      );
      return { keys, certificate };
    },
  };
}
