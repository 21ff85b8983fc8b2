// Strict DER parser: definite, minimal lengths only, nothing trailing. Anything
// BER allows but DER forbids is refused, so that one value has one encoding and
// signed bytes can be taken from the input as they are.
import { octetAt } from './octet-at.ts';
import { DerError, CONSTRUCTED } from './tags.ts';

export interface DerElement {
  /** Identifier octet (class, constructed bit and tag number). */
  readonly tag: number;
  /** Content octets. */
  readonly value: Uint8Array;
  /** The whole encoding (identifier, length and content): what signatures cover. */
  readonly raw: Uint8Array;
}

const MAX_LENGTH_OCTETS = 4;

/** The element whose identifier octet is at `offset`; it may be followed by more data. */
export function readElement(bytes: Uint8Array, offset: number): DerElement {
  const tag = octetAt(bytes, offset, 'unexpected end of data');
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let cursor = offset + 1;
  const first = octetAt(bytes, cursor++, 'missing length');
  let length = first;
  if (first === 0x80) throw new DerError('indefinite length is not DER');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > MAX_LENGTH_OCTETS) throw new DerError('length too large');
    if (cursor + count > bytes.length) throw new DerError('truncated length');
    const octets = bytes.subarray(cursor, cursor + count);
    if (octets[0] === 0) throw new DerError('non-minimal length');
    length = 0;
    for (const octet of octets) length = length * 256 + octet;
    cursor += count;
    if (length < 0x80) throw new DerError('non-minimal length');
  }
  const end = cursor + length;
  if (end > bytes.length) throw new DerError('content runs past the end of data');
  return { tag, value: bytes.subarray(cursor, end), raw: bytes.subarray(offset, end) };
}

/** Parses exactly one element; trailing bytes are an error. */
export function decodeDer(bytes: Uint8Array): DerElement {
  const element = readElement(bytes, 0);
  if (element.raw.length !== bytes.length) throw new DerError('trailing data after DER value');
  return element;
}

export function isConstructed(element: DerElement): boolean {
  return (element.tag & CONSTRUCTED) !== 0;
}

/** The elements inside a constructed value, in order. */
export function childrenOf(element: DerElement): DerElement[] {
  if (!isConstructed(element)) throw new DerError(`tag 0x${element.tag.toString(16)} is not constructed`);
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.value.length) {
    const child = readElement(element.value, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}
