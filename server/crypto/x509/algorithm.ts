// AlgorithmIdentifier for SM2-with-SM3 signatures: parameters absent, as
// OpenSSL and GM/T 0015 encode it.
import { oid, sequence } from '../der/encode.ts';
import type { DerReader } from '../der/reader.ts';
import { DerError, excerpt, Tag } from '../der/tags.ts';
import { nullValueOf } from '../der/values.ts';
import { Oid } from '../oids.ts';

export const SM2_WITH_SM3_ALGORITHM = sequence(oid(Oid.sm2WithSm3));

/** Reads an AlgorithmIdentifier and returns its OID; parameters may only be absent or NULL. */
export function readSignatureAlgorithm(reader: DerReader, field: string): string {
  const algorithm = reader.sequence(field);
  const algorithmOid = algorithm.oid('algorithm');
  const parameters = algorithm.optional(Tag.NULL);
  if (parameters) nullValueOf(parameters);
  algorithm.end();
  return algorithmOid;
}

export function assertSm2WithSm3(algorithmOid: string, what: string): void {
  if (algorithmOid !== Oid.sm2WithSm3) throw new DerError(`${what} uses ${excerpt(algorithmOid)}, not SM2-with-SM3`);
}
