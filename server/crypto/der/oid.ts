import { DerError } from './tags.ts';

export function encodeOidContent(oid: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(oid)) throw new TypeError(`invalid OID ${oid}`);
  const arcs = oid.split('.').map((arc) => BigInt(arc));
  if (arcs[0] < 2n && arcs[1] > 39n) throw new TypeError(`invalid OID ${oid}`);
  const out: number[] = [];
  const pushArc = (arc: bigint): void => {
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) groups.unshift(Number(rest & 0x7fn) | 0x80);
    out.push(...groups);
  };
  pushArc(arcs[0] * 40n + arcs[1]);
  for (const arc of arcs.slice(2)) pushArc(arc);
  return Uint8Array.from(out);
}

export function decodeOidContent(content: Uint8Array): string {
  if (content.length === 0) throw new DerError('empty OID');
  const arcs: bigint[] = [];
  let value = 0n;
  let fresh = true;
  for (const byte of content) {
    // A leading 0x80 would be a non-minimal encoding of the arc.
    if (fresh && byte === 0x80) throw new DerError('non-minimal OID arc');
    value = (value << 7n) | BigInt(byte & 0x7f);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (!fresh) throw new DerError('truncated OID');
  const first = arcs[0];
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}
