// GM/T 0031-2014 gives the signing time (TBS_Sign.timeInfo) as a BIT STRING
// whose content is the time as text, in no fixed format. Seen in real
// signatures and open implementations: ISO 8601 ("2020-01-25T07:31:56.377Z",
// "2020-04-22 10:18:07" without a zone), and the GeneralizedTime and UTCTime
// spellings; some producers use those ASN.1 types directly instead of text.
import type { BerTolerance } from '../der/ber.ts';
import type { DerElement } from '../der/decode.ts';
import { DerError, excerpt, Tag } from '../der/tags.ts';
import { parseGeneralizedTime, parseUtcTime } from '../der/time.ts';
import { generalizedTimeValue, octetAlignedBits, x509TimeValue } from '../der/values.ts';

/** A time written without a zone is read as Beijing time: the standard is Chinese and gives no zone. */
const BEIJING_OFFSET_MINUTES = 8 * 60;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) throw new DerError(`impossible time zone ${JSON.stringify(zone)}`);
  return sign * (hours * 60 + minutes);
}

function parseIso(match: RegExpExecArray, ber: BerTolerance): Date {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  // GeneralizedTime checks the calendar; DER wants a fraction without trailing zeros.
  const trimmed = (fraction ?? '').replace(/0+$/, '');
  const asUtc = parseGeneralizedTime(`${year}${month}${day}${hour}${minute}${second}${trimmed ? `.${trimmed}` : ''}Z`);
  if (zone === undefined) ber.note('TBS_Sign.timeInfo without a time zone, read as Beijing time (UTC+8)');
  const offset = zone === undefined ? BEIJING_OFFSET_MINUTES : offsetMinutes(zone);
  return new Date(asUtc.getTime() - offset * 60_000);
}

function parseTimeText(text: string, ber: BerTolerance): Date {
  const iso = ISO.exec(text);
  if (iso) return parseIso(iso, ber);
  if (/^\d{14}/.test(text)) return parseGeneralizedTime(text);
  if (/^\d{12}Z$/.test(text)) return parseUtcTime(text);
  throw new DerError(`TBS_Sign.timeInfo: not a time: ${JSON.stringify(excerpt(text))}`);
}

export function readV1TimeInfo(element: DerElement, ber: BerTolerance): Date {
  if (element.tag === Tag.GENERALIZED_TIME) return generalizedTimeValue(element);
  if (element.tag === Tag.UTC_TIME) return x509TimeValue(element);
  if (element.tag !== Tag.BIT_STRING) throw new DerError(`TBS_Sign.timeInfo: expected BIT STRING or a time, found tag 0x${element.tag.toString(16)}`);
  const octets = octetAlignedBits(element);
  if (octets.some((octet) => octet < 0x20 || octet > 0x7e)) throw new DerError('TBS_Sign.timeInfo holds characters that are not printable ASCII');
  return parseTimeText(Buffer.from(octets).toString('latin1'), ber);
}
