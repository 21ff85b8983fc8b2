// SM3 (GB/T 32905) comes from node:crypto (OpenSSL), whose output is checked
// against the standard's examples in tests/sm3.test.ts.
import { createHash } from 'node:crypto';

export const SM3_DIGEST_LENGTH = 32;

export function sm3(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sm3');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}
