// Identifier octets of the universal types this core uses (low-tag form only:
// nothing in X.509, CRLs or GB/T 38540 needs tag numbers above 30).
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export const CONSTRUCTED = 0x20;
export const CONTEXT = 0x80;

/** [n] with the constructed bit: EXPLICIT tagging or IMPLICIT of a constructed type. */
export function contextConstructed(n: number): number {
  return CONTEXT | CONSTRUCTED | n;
}

/** [n] IMPLICIT of a primitive type. */
export function contextPrimitive(n: number): number {
  return CONTEXT | n;
}

/**
 * The one error every decoder of untrusted bytes throws (DER, PEM, X.509,
 * CRLs, GB/T 38540 seals and signatures, SM2 keys and signatures): any input
 * that is not valid, canonical DER of the expected shape. Anything else thrown
 * while decoding is a bug (server/crypto/tests/decoder-fuzz.test.ts).
 */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Input text quoted in an error message, cut short: messages reach logs and API answers. */
export function excerpt(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} characters)`;
}
