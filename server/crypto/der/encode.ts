// DER encoder: each function returns one complete TLV, so structures are built
// by plain nesting, e.g. sequence(integer(1n), oid('1.2.3')).
import { concatBytes, utf8 } from '../bytes.ts';
import { encodeOidContent } from './oid.ts';
import { Tag, contextConstructed, contextPrimitive } from './tags.ts';
import { formatGeneralizedTime, formatUtcTime } from './time.ts';

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  // One part is used as it is, without a copy.
  const only = content.length === 1 ? content[0] : undefined;
  const value = only ?? concatBytes(...content);
  return concatBytes(Uint8Array.of(tag), encodeLength(value.length), value);
}

export const sequence = (...items: readonly Uint8Array[]): Uint8Array => tlv(Tag.SEQUENCE, ...items);

/** SET OF: DER wants the elements sorted by their encodings (X.690 11.6). */
export function setOf(...items: readonly Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => Buffer.compare(a, b));
  return tlv(Tag.SET, ...sorted);
}

function integerContent(value: bigint): Uint8Array {
  if (value === 0n) return Uint8Array.of(0);
  if (value > 0n) {
    let hex = value.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    // A set top bit would read back as negative: prepend a zero octet.
    if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = '00' + hex;
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  }
  // Two's complement for negative values, minimal length.
  let length = 1;
  while (-(1n << BigInt(8 * length - 1)) > value) length++;
  const twos = (1n << BigInt(8 * length)) + value;
  return Uint8Array.from(Buffer.from(twos.toString(16).padStart(length * 2, '0'), 'hex'));
}

export const integer = (value: bigint | number): Uint8Array => tlv(Tag.INTEGER, integerContent(BigInt(value)));
export const enumerated = (value: number): Uint8Array => tlv(Tag.ENUMERATED, integerContent(BigInt(value)));
export const oid = (value: string): Uint8Array => tlv(Tag.OID, encodeOidContent(value));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(Tag.OCTET_STRING, bytes);
export const boolean = (value: boolean): Uint8Array => tlv(Tag.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
export const nullValue = (): Uint8Array => tlv(Tag.NULL, new Uint8Array(0));

/** BIT STRING of whole octets (all signatures, hashes and keys here are). */
export const bitString = (bytes: Uint8Array): Uint8Array => tlv(Tag.BIT_STRING, Uint8Array.of(0), bytes);

/** Named-bit BIT STRING (KeyUsage): bit 0 is the most significant bit, trailing zero bits dropped. */
export function namedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return tlv(Tag.BIT_STRING, Uint8Array.of(0));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    const index = bit >> 3;
    const octet = bytes[index];
    if (octet === undefined) throw new RangeError(`named bit ${bit} is not a bit position`);
    bytes[index] = octet | (0x80 >> (bit & 7));
  }
  const unused = 7 - (highest & 7);
  return tlv(Tag.BIT_STRING, Uint8Array.of(unused), bytes);
}

function checkedString(text: string, allowed: RegExp, kind: string): Uint8Array {
  if (!allowed.test(text)) throw new TypeError(`${kind} cannot hold ${JSON.stringify(text)}`);
  return utf8(text);
}

export const utf8String = (text: string): Uint8Array => tlv(Tag.UTF8_STRING, utf8(text));
export const ia5String = (text: string): Uint8Array => tlv(Tag.IA5_STRING, checkedString(text, /^[\x00-\x7f]*$/, 'IA5String'));
export const printableString = (text: string): Uint8Array =>
  tlv(Tag.PRINTABLE_STRING, checkedString(text, /^[A-Za-z0-9 '()+,\-./:=?]*$/, 'PrintableString'));

export const generalizedTime = (date: Date): Uint8Array => tlv(Tag.GENERALIZED_TIME, utf8(formatGeneralizedTime(date)));
export const utcTime = (date: Date): Uint8Array => tlv(Tag.UTC_TIME, utf8(formatUtcTime(date)));

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function x509Time(date: Date): Uint8Array {
  return date.getUTCFullYear() < 2050 ? utcTime(date) : generalizedTime(date);
}

export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(contextConstructed(n), inner);
export const implicitPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(contextPrimitive(n), content);
