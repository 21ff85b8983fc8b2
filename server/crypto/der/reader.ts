// Walks the fields of one SEQUENCE in order. Every decoder ends with end(),
// so an unexpected extra field is an error rather than silently ignored.
// Fields are read one at a time as they are asked for: reading them all up
// front let 2 MB of tiny elements cost 260 MB of heap and a second before the
// first field was even checked. With a BerTolerance the reader (and every
// reader it opens) also accepts the BER encodings listed in ber.ts.
import type { BerTolerance } from './ber.ts';
import { decodeDer, isConstructed, readElement, type DerElement } from './decode.ts';
import { DerError, Tag } from './tags.ts';
import * as values from './values.ts';

export class DerReader {
  private offset = 0;
  private upcoming: DerElement | undefined;

  constructor(
    readonly element: DerElement,
    readonly what: string,
    tag: number = Tag.SEQUENCE,
    readonly ber?: BerTolerance,
  ) {
    values.expectTag(element, tag, what);
    if (!isConstructed(element)) throw new DerError(`tag 0x${element.tag.toString(16)} is not constructed`);
  }

  static fromBytes(bytes: Uint8Array, what: string, ber?: BerTolerance): DerReader {
    return new DerReader(decodeDer(bytes), what, Tag.SEQUENCE, ber);
  }

  /** A reader for a constructed field, under the same rules as this one. */
  open(element: DerElement, what: string, tag: number = Tag.SEQUENCE): DerReader {
    return new DerReader(element, what, tag, this.ber);
  }

  private peek(): DerElement | undefined {
    if (!this.upcoming && this.hasMore()) this.upcoming = readElement(this.element.value, this.offset);
    return this.upcoming;
  }

  peekTag(): number | undefined {
    return this.peek()?.tag;
  }

  hasMore(): boolean {
    return this.offset < this.element.value.length;
  }

  next(tag?: number, field = 'field'): DerElement {
    const item = this.peek();
    if (!item) throw new DerError(`${this.what}: missing ${field}`);
    if (tag !== undefined) values.expectTag(item, tag, `${this.what}.${field}`);
    this.offset += item.raw.length;
    this.upcoming = undefined;
    return item;
  }

  optional(tag: number): DerElement | undefined {
    return this.peekTag() === tag ? this.next(tag) : undefined;
  }

  sequence(field: string): DerReader {
    return this.open(this.next(Tag.SEQUENCE, field), `${this.what}.${field}`);
  }

  /**
   * BOOLEAN DEFAULT `fallback`. DER omits a default value; BER may spell it
   * out, which a BER-mode reader accepts and notes.
   */
  booleanWithDefault(fallback: boolean, field = 'BOOLEAN'): boolean {
    const element = this.optional(Tag.BOOLEAN);
    if (!element) return fallback;
    const value = values.booleanValue(element, this.ber);
    if (value !== fallback) return value;
    const spelled = `${this.what}.${field} ${String(fallback).toUpperCase()}`;
    if (!this.ber) throw new DerError(`${spelled} is the DEFAULT and must be omitted`);
    this.ber.note(`${spelled}: DEFAULT value encoded explicitly`);
    return value;
  }

  integer(field = 'INTEGER'): bigint {
    return values.integerValue(this.next(Tag.INTEGER, field));
  }

  smallInteger(field = 'INTEGER'): number {
    return values.smallIntegerValue(this.next(Tag.INTEGER, field));
  }

  oid(field = 'OID'): string {
    return values.oidValue(this.next(Tag.OID, field));
  }

  octetString(field = 'OCTET STRING'): Uint8Array {
    return values.octetStringValue(this.next(Tag.OCTET_STRING, field));
  }

  octetAlignedBits(field = 'BIT STRING'): Uint8Array {
    return values.octetAlignedBits(this.next(Tag.BIT_STRING, field));
  }

  ia5String(field = 'IA5String'): string {
    return values.ia5StringValue(this.next(Tag.IA5_STRING, field));
  }

  utf8String(field = 'UTF8String'): string {
    return values.utf8StringValue(this.next(Tag.UTF8_STRING, field));
  }

  printableString(field = 'PrintableString'): string {
    return values.printableStringValue(this.next(Tag.PRINTABLE_STRING, field));
  }

  generalizedTime(field = 'GeneralizedTime'): Date {
    return values.generalizedTimeValue(this.next(Tag.GENERALIZED_TIME, field));
  }

  x509Time(field = 'Time'): Date {
    return values.x509TimeValue(this.next(undefined, field));
  }

  end(): void {
    if (this.hasMore()) throw new DerError(`${this.what}: unexpected extra field`);
  }
}
