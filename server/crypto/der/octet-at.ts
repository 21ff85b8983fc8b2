import { DerError } from './tags.ts';

/**
 * The octet at `index`, or a DerError saying what was missing: input that ends
 * early is malformed, and must not surface later as arithmetic on undefined.
 */
export function octetAt(bytes: Uint8Array, index: number, missing: string): number {
  const octet = bytes[index];
  if (octet === undefined) throw new DerError(missing);
  return octet;
}
