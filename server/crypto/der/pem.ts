// PEM (RFC 7468) armour around DER.
import { DerError, excerpt } from './tags.ts';

export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const isLabelChar = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x20;

/** The label ([A-Z0-9 ]+) starting at `from` when `-----` closes it, else undefined. */
function labelAt(text: string, from: number): string | undefined {
  let end = from;
  while (end < text.length && isLabelChar(text.charCodeAt(end))) end++;
  if (end === from || !text.startsWith(DASHES, end)) return undefined;
  return text.slice(from, end);
}

/** Where each label's END lines start, ascending. */
function endLines(text: string): Map<string, number[]> {
  const ends = new Map<string, number[]>();
  for (let at = text.indexOf(END); at >= 0; at = text.indexOf(END, at + 1)) {
    const label = labelAt(text, at + END.length);
    if (label === undefined) continue;
    const list = ends.get(label);
    if (list) list.push(at);
    else ends.set(label, [at]);
  }
  return ends;
}

function firstAtOrAfter(sorted: readonly number[], position: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const value = sorted[middle];
    if (value !== undefined && value < position) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

/**
 * Every PEM block in the text, in order: a BEGIN line is paired with the first
 * END line of the same label after it. Scans the text a bounded number of times
 * (a regular expression with a back-reference did this in quadratic time: many
 * BEGIN lines without their END took about a minute for 1.7 MB).
 */
export function fromPemAll(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const ends = endLines(text);
  for (let at = text.indexOf(BEGIN); at >= 0;) {
    const label = labelAt(text, at + BEGIN.length);
    const bodyStart = label === undefined ? -1 : at + BEGIN.length + label.length + DASHES.length;
    const end = label === undefined ? undefined : firstAtOrAfter(ends.get(label) ?? [], bodyStart);
    if (label === undefined || end === undefined) {
      at = text.indexOf(BEGIN, at + 1);
      continue;
    }
    const body = text.slice(bodyStart, end).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new DerError(`bad base64 in PEM ${excerpt(label)}`);
    blocks.push({ label, der: new Uint8Array(Buffer.from(body, 'base64')) });
    at = text.indexOf(BEGIN, end + END.length + label.length + DASHES.length);
  }
  return blocks;
}

export function fromPem(text: string, expectedLabels: readonly string[]): PemBlock {
  const block = fromPemAll(text)[0];
  if (!block) throw new DerError('no PEM block found');
  if (!expectedLabels.includes(block.label)) {
    throw new DerError(`PEM label ${excerpt(block.label)} is not one of ${expectedLabels.join(', ')}`);
  }
  return block;
}
