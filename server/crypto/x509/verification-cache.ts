// Certificates and CRLs recur across an archive: the same few issuers sign the
// certificates of the same few seal makers and signers. Remembering the outcome
// of their (deterministic) signature checks turns a full seal verification from
// about eight SM2 verifications into two. The key is a SHA-256 over every
// input of the check, length-prefixed, so a hit can only be the same question.
import { createHash } from 'node:crypto';
import type { Sm2PublicKey } from '../sm2/keys.ts';
import { sm2Verify } from '../sm2/sign.ts';
import { normalizeId } from '../sm2/za.ts';

const MAX_ENTRIES = 10_000;
const results = new Map<string, boolean>();

function lengthPrefixed(hash: ReturnType<typeof createHash>, part: Uint8Array): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(part.length);
  hash.update(length).update(part);
}

export function cachedSm2Verify(publicKey: Sm2PublicKey, message: Uint8Array, signature: Uint8Array, id?: Uint8Array | string): boolean {
  const hash = createHash('sha256');
  for (const part of [publicKey.point, normalizeId(id), message, signature]) lengthPrefixed(hash, part);
  const key = hash.digest('base64');
  const known = results.get(key);
  if (known !== undefined) return known;
  const outcome = sm2Verify(publicKey, message, signature, { id });
  // Oldest entries go first; Map keeps insertion order.
  if (results.size >= MAX_ENTRIES) results.delete(results.keys().next().value as string);
  results.set(key, outcome);
  return outcome;
}
