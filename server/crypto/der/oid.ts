import { DerError } from './tags.ts';

export function encodeOidContent(oid: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(oid)) throw new TypeError(`invalid OID ${oid}`);
  const [first, second, ...rest] = oid.split('.').map((arc) => BigInt(arc));
  if (first === undefined || second === undefined || (first < 2n && second > 39n)) throw new TypeError(`invalid OID ${oid}`);
  const out: number[] = [];
  const pushArc = (arc: bigint): void => {
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) groups.unshift(Number(rest & 0x7fn) | 0x80);
    out.push(...groups);
  };
  pushArc(first * 40n + second);
  for (const arc of rest) pushArc(arc);
  return Uint8Array.from(out);
}

/**
 * Longest arc accepted, in base-128 octets (140 bits). Real OIDs stay far
 * below it (a 2.25 UUID arc needs 19), and without a bound one arc of n octets
 * costs O(n^2) BigInt work: a 400 kB arc took over a minute.
 */
export const MAX_OID_ARC_OCTETS = 20;

export function decodeOidContent(content: Uint8Array): string {
  if (content.length === 0) throw new DerError('empty OID');
  const arcs: bigint[] = [];
  let value = 0n;
  let octets = 0;
  let fresh = true;
  for (const byte of content) {
    // A leading 0x80 would be a non-minimal encoding of the arc.
    if (fresh && byte === 0x80) throw new DerError('non-minimal OID arc');
    if (++octets > MAX_OID_ARC_OCTETS) throw new DerError(`OID arc longer than ${MAX_OID_ARC_OCTETS} octets`);
    value = (value << 7n) | BigInt(byte & 0x7f);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0n;
      octets = 0;
    }
  }
  if (!fresh) throw new DerError('truncated OID');
  const [first, ...rest] = arcs;
  if (first === undefined) throw new DerError('empty OID');
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...rest].join('.');
}
