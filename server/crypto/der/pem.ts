// PEM (RFC 7468) armour around DER.
import { DerError } from './tags.ts';

export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

/** Every PEM block in the text, in order. */
export function fromPemAll(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new DerError(`bad base64 in PEM ${match[1]}`);
    blocks.push({ label: match[1], der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  return blocks;
}

export function fromPem(text: string, expectedLabels: readonly string[]): PemBlock {
  const block = fromPemAll(text)[0];
  if (!block) throw new DerError('no PEM block found');
  if (!expectedLabels.includes(block.label)) {
    throw new DerError(`PEM label ${block.label} is not one of ${expectedLabels.join(', ')}`);
  }
  return block;
}
