// Content decoders for single primitive elements, each enforcing DER's
// canonical form for its type.
import type { BerTolerance } from './ber.ts';
import { childrenOf, type DerElement } from './decode.ts';
import { octetAt } from './octet-at.ts';
import { decodeOidContent } from './oid.ts';
import { DerError, Tag } from './tags.ts';
import { parseGeneralizedTime, parseUtcTime } from './time.ts';

export function expectTag(element: DerElement, tag: number, what = 'value'): DerElement {
  if (element.tag !== tag) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
  }
  return element;
}

export function integerValue(element: DerElement): bigint {
  const content = element.value;
  const lead = octetAt(content, 0, 'empty INTEGER');
  const next = content[1];
  if (next !== undefined && ((lead === 0x00 && next < 0x80) || (lead === 0xff && next >= 0x80))) {
    throw new DerError('non-minimal INTEGER');
  }
  const magnitude = BigInt('0x' + Buffer.from(content).toString('hex'));
  return lead & 0x80 ? magnitude - (1n << BigInt(content.length * 8)) : magnitude;
}

/** INTEGER that must fit a JS number safely (versions, sizes, types). */
export function smallIntegerValue(element: DerElement): number {
  const value = integerValue(element);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DerError('INTEGER too large');
  }
  return Number(value);
}

/** DER: 0x00 or 0xFF. With `ber`, any non-zero octet is TRUE (X.690 8.2.2), and is noted. */
export function booleanValue(element: DerElement, ber?: BerTolerance): boolean {
  const content = expectTag(element, Tag.BOOLEAN).value;
  const octet = content[0];
  if (content.length !== 1 || octet === undefined) throw new DerError('invalid BOOLEAN');
  if (octet === 0x00 || octet === 0xff) return octet === 0xff;
  if (!ber) throw new DerError('invalid BOOLEAN');
  ber.note('BOOLEAN TRUE not encoded as 0xFF');
  return true;
}

export function oidValue(element: DerElement): string {
  return decodeOidContent(expectTag(element, Tag.OID, 'OBJECT IDENTIFIER').value);
}

export function octetStringValue(element: DerElement): Uint8Array {
  return expectTag(element, Tag.OCTET_STRING, 'OCTET STRING').value;
}

export interface BitStringValue {
  readonly bytes: Uint8Array;
  readonly unusedBits: number;
}

export function bitStringValue(element: DerElement): BitStringValue {
  const content = expectTag(element, Tag.BIT_STRING, 'BIT STRING').value;
  const unusedBits = octetAt(content, 0, 'empty BIT STRING');
  const bytes = content.subarray(1);
  const last = bytes[bytes.length - 1];
  if (unusedBits > 7 || (last === undefined && unusedBits !== 0)) throw new DerError('invalid BIT STRING padding');
  // With no unused bits the mask is 0 and any last octet passes.
  if (last !== undefined && (last & ((1 << unusedBits) - 1)) !== 0) {
    throw new DerError('BIT STRING padding bits must be zero');
  }
  return { bytes, unusedBits };
}

/** BIT STRING that must hold whole octets (signatures, hashes, keys). */
export function octetAlignedBits(element: DerElement): Uint8Array {
  const { bytes, unusedBits } = bitStringValue(element);
  if (unusedBits !== 0) throw new DerError('BIT STRING is not octet aligned');
  return bytes;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function stringValue(element: DerElement, tag: number, allowed: RegExp | null, what: string): string {
  const content = expectTag(element, tag, what).value;
  let text: string;
  try {
    text = fatalUtf8.decode(content);
  } catch {
    throw new DerError(`${what} is not valid UTF-8`);
  }
  if (allowed && !allowed.test(text)) throw new DerError(`${what} holds characters outside its set`);
  return text;
}

export const utf8StringValue = (e: DerElement): string => stringValue(e, Tag.UTF8_STRING, null, 'UTF8String');
export const ia5StringValue = (e: DerElement): string => stringValue(e, Tag.IA5_STRING, /^[\x00-\x7f]*$/, 'IA5String');
export const printableStringValue = (e: DerElement): string => stringValue(e, Tag.PRINTABLE_STRING, /^[A-Za-z0-9 '()+,\-./:=?]*$/, 'PrintableString');

export function generalizedTimeValue(element: DerElement): Date {
  return parseGeneralizedTime(stringValue(element, Tag.GENERALIZED_TIME, /^[\x20-\x7e]*$/, 'GeneralizedTime'));
}

/** X.509 Time: UTCTime or GeneralizedTime. */
export function x509TimeValue(element: DerElement): Date {
  if (element.tag === Tag.UTC_TIME) return parseUtcTime(stringValue(element, Tag.UTC_TIME, /^[\x20-\x7e]*$/, 'UTCTime'));
  return generalizedTimeValue(element);
}

export function nullValueOf(element: DerElement): null {
  if (expectTag(element, Tag.NULL, 'NULL').value.length !== 0) throw new DerError('NULL with content');
  return null;
}

export function sequenceItems(element: DerElement, what = 'SEQUENCE'): DerElement[] {
  return childrenOf(expectTag(element, Tag.SEQUENCE, what));
}
