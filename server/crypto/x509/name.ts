// Distinguished names (RFC 5280 4.1.2.4): one attribute per RDN, country and
// serialNumber as PrintableString, everything else UTF8String (Chinese text).
import { oid, printableString, sequence, setOf, utf8String } from '../der/encode.ts';
import type { DerElement } from '../der/decode.ts';
import { DerReader } from '../der/reader.ts';
import { DerError, Tag } from '../der/tags.ts';
import { ia5StringValue, printableStringValue, utf8StringValue } from '../der/values.ts';
import { Oid } from '../oids.ts';

const SHORT_NAMES = {
  C: Oid.country,
  ST: Oid.stateOrProvince,
  L: Oid.locality,
  O: Oid.organization,
  OU: Oid.organizationalUnit,
  CN: Oid.commonName,
  serialNumber: Oid.serialNumber,
} as const;

export type NameAttributeType = keyof typeof SHORT_NAMES;

export interface NameEntry {
  /** A short name (CN, O, ...) or, for attributes without one, the dotted OID. */
  readonly type: string;
  readonly value: string;
}

export type DistinguishedName = readonly NameEntry[];

export interface ParsedName {
  readonly entries: DistinguishedName;
  /** Exact encoding; issuer/subject matching compares these bytes. */
  readonly der: Uint8Array;
  /** Deviations read leniently (UTF-8 in an IA5String), for a verifier to report. */
  readonly tolerated?: readonly string[];
}

const PRINTABLE_TYPES = new Set<string>([Oid.country, Oid.serialNumber]);

function typeOid(type: string): string {
  return (SHORT_NAMES as Record<string, string>)[type] ?? type;
}

function shortName(typeOid: string): string {
  return Object.entries(SHORT_NAMES).find(([, value]) => value === typeOid)?.[0] ?? typeOid;
}

export function encodeName(name: DistinguishedName): Uint8Array {
  return sequence(
    ...name.map((entry) => {
      const attributeOid = typeOid(entry.type);
      const value = PRINTABLE_TYPES.has(attributeOid) ? printableString(entry.value) : utf8String(entry.value);
      return setOf(sequence(oid(attributeOid), value));
    }),
  );
}

/**
 * An IA5String attribute (emailAddress, domainComponent). Some Chinese CAs (YNCA, in the corpus)
 * write UTF-8 text into it: read as UTF-8 when it is valid UTF-8, since a name is only displayed and
 * compared while every signature is checked over the certificate's bytes as received; anything that
 * is not even UTF-8 is refused.
 */
function ia5NameValue(element: DerElement, tolerated: string[]): string {
  try {
    return ia5StringValue(element);
  } catch (error) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(element.value);
    } catch {
      throw error;
    }
    tolerated.push('name attribute IA5String holding UTF-8, read as UTF-8');
    return text;
  }
}

function attributeValue(element: DerElement, tolerated: string[]): string {
  switch (element.tag) {
    case Tag.UTF8_STRING:
      return utf8StringValue(element);
    case Tag.PRINTABLE_STRING:
      return printableStringValue(element);
    case Tag.IA5_STRING:
      return ia5NameValue(element, tolerated);
    default:
      throw new DerError(`unsupported name attribute string tag 0x${element.tag.toString(16)}`);
  }
}

export function decodeName(element: DerElement): ParsedName {
  const rdns = new DerReader(element, 'Name');
  const entries: NameEntry[] = [];
  const tolerated: string[] = [];
  while (rdns.hasMore()) {
    const rdn = new DerReader(rdns.next(Tag.SET, 'RDN'), 'RDN', Tag.SET);
    while (rdn.hasMore()) {
      const attribute = rdn.sequence('AttributeTypeAndValue');
      const type = shortName(attribute.oid('type'));
      entries.push({ type, value: attributeValue(attribute.next(undefined, 'value'), tolerated) });
      attribute.end();
    }
  }
  return { entries, der: element.raw, ...(tolerated.length > 0 ? { tolerated } : {}) };
}

/** "C=CN, O=..., CN=..." for messages and logs. */
export function formatName(name: DistinguishedName): string {
  return name.map((entry) => `${entry.type}=${entry.value}`).join(', ');
}
