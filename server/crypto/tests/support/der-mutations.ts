// Mutators for fuzzing the decoders: byte-level edits of an encoding, and
// structure-aware edits of its DER tree whose enclosing lengths are recomputed,
// so that a bad tag, length or field sits deep inside otherwise valid DER and
// reaches the field decoders instead of failing at the first byte.
import fc from 'fast-check';
import { concatBytes } from '../../bytes.ts';
import { decodeDer, isConstructed, readElement } from '../../der/decode.ts';
import { itemAt } from './item-at.ts';

/** Tags the decoders branch on, and a few they never expect. */
export const INTERESTING_TAGS = [
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x30, 0x31, 0x80, 0x81, 0x82, 0xa0, 0xa1, 0xa3, 0x1f, 0x00, 0xff, 0x22,
  0x24,
] as const;

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Bytes that sit on the edges of length and tag parsing. */
const INTERESTING_BYTES = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff, 0x30, 0x1f] as const;

/** Contents that sit on the edges of the field decoders (INTEGER, OID, BIT STRING, strings, times, BOOLEAN). */
export const INTERESTING_CONTENTS: readonly Uint8Array[] = [
  new Uint8Array(0),
  Uint8Array.of(0),
  Uint8Array.of(0x80),
  Uint8Array.of(0xff),
  Uint8Array.of(0x7f),
  Uint8Array.of(0, 0x7f),
  Uint8Array.of(0xff, 0x80),
  Uint8Array.of(0, 0xff),
  Uint8Array.of(0x80, 0),
  Uint8Array.of(0x08),
  Uint8Array.of(0x07, 0xff),
  Uint8Array.of(0x01),
  Uint8Array.of(0x04, 0xff),
  new Uint8Array(40).fill(0xff),
  Uint8Array.of(0x7f, ...new Uint8Array(40).fill(0xff)),
  Uint8Array.of(0x2a, 0x81),
  Uint8Array.of(0x2a, 0x80, 0x01),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
  Uint8Array.of(0x2a, ...new Uint8Array(30).fill(0x81), 0x01),
  Uint8Array.of(0xc3, 0x28),
  Uint8Array.of(0xed, 0xa0, 0x80),
  ascii('20300101000000Z'),
  ascii('300101000000Z'),
  ascii('20301301000000Z'),
  ascii('20300230000000Z'),
  ascii('20300101000000.9999999999Z'),
  ascii('20300101000000.10Z'),
  ascii('20300101000000+0800'),
  ascii('99991231235959Z'),
  ascii('00000101000000Z'),
  ascii('491231235959Z'),
  ascii('500101000000Z'),
  ascii('ES'),
  ascii('SM3'),
  ascii('&'),
  Uint8Array.of(0x04, ...new Uint8Array(64).fill(1)),
  Uint8Array.of(0x02, ...new Uint8Array(32).fill(1)),
];

export type ByteEdit = { readonly kind: number; readonly at: number; readonly n: number; readonly bytes: Uint8Array };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({
  kind: fc.nat({ max: 6 }),
  at: fc.nat(),
  n: fc.nat({ max: 255 }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
});

/** Bit flip, interesting byte, insertion, deletion, truncation, repeated chunk, overwrite. */
export function applyByteEdits(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let bytes = Array.from(input);
  for (const { kind, at, n, bytes: extra } of edits) {
    const position = at % (bytes.length + 1);
    const index = bytes.length ? at % bytes.length : 0;
    switch (kind) {
      case 0:
        if (bytes.length) bytes[index] = itemAt(bytes, index) ^ (1 << (n & 7));
        break;
      case 1:
        if (bytes.length) bytes[index] = itemAt(INTERESTING_BYTES, n % INTERESTING_BYTES.length);
        break;
      case 2:
        bytes.splice(position, 0, ...extra);
        break;
      case 3:
        bytes.splice(index, 1 + (n % 8));
        break;
      case 4:
        bytes = bytes.slice(0, position);
        break;
      case 5: {
        const chunk = bytes.slice(index, index + 1 + (n % 48));
        for (let i = 0; i < 1 + (n % 5); i++) bytes.splice(position, 0, ...chunk);
        break;
      }
      default:
        for (const [i, octet] of extra.entries()) {
          if (index + i >= bytes.length) break;
          bytes[index + i] = octet;
        }
    }
  }
  return Uint8Array.from(bytes);
}

interface DerNode {
  tag: number;
  children?: DerNode[];
  content?: Uint8Array;
  /** OCTET STRING or BIT STRING holding DER (extension values, embedded certificates, signatures). */
  encapsulated?: { prefix: Uint8Array; inner: DerNode };
  /** Makes the length octets lie about the content (see lengthOctets). */
  lengthEdit?: number;
  /** Emitted as it is instead of a TLV (large replacements built without recursion). */
  raw?: Uint8Array;
}

function holdsDer(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || (bytes[0] !== 0x30 && bytes[0] !== 0x31)) return false;
  try {
    decodeDer(bytes);
    return true;
  } catch {
    return false;
  }
}

export function parseTree(bytes: Uint8Array): DerNode {
  const element = decodeDer(bytes);
  if (isConstructed(element)) {
    const children: DerNode[] = [];
    for (let offset = 0; offset < element.value.length;) {
      const child = readElement(element.value, offset);
      children.push(parseTree(child.raw));
      offset += child.raw.length;
    }
    return { tag: element.tag, children };
  }
  const value = element.value;
  if (element.tag === 0x04 && holdsDer(value)) return { tag: 0x04, encapsulated: { prefix: new Uint8Array(0), inner: parseTree(value) } };
  if (element.tag === 0x03 && value[0] === 0 && holdsDer(value.subarray(1))) {
    return { tag: 0x03, encapsulated: { prefix: Uint8Array.of(0), inner: parseTree(value.subarray(1)) } };
  }
  return { tag: element.tag, content: value };
}

function minimalLength(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

/** The length octets, honest or one of the lies a decoder must survive. */
function lengthOctets(length: number, edit: number | undefined): number[] {
  switch (edit) {
    case undefined:
      return minimalLength(length);
    case 0:
      return minimalLength(length + 1);
    case 1:
      return minimalLength(Math.max(0, length - 1));
    case 2:
      return [0x80]; // indefinite
    case 3:
      return [0x84, 0x7f, 0xff, 0xff, 0xff]; // claims 2 GB
    case 4:
      return [0x84, 0xff, 0xff, 0xff, 0xff]; // claims 4 GB
    case 5:
      return [0x85, 0x01, 0x00, 0x00, 0x00, 0x00]; // more length octets than supported
    case 6:
      return [0x82, length >> 8, length & 0xff]; // non-minimal when short
    case 7:
      return [0x83, 0x00, length >> 8, length & 0xff]; // leading zero octet
    case 8:
      return [0x81]; // truncated long form
    default:
      return minimalLength(length + edit);
  }
}

export function encodeTree(node: DerNode): Uint8Array {
  if (node.raw) return node.raw;
  const content = node.children
    ? concatBytes(...node.children.map(encodeTree))
    : node.encapsulated
      ? concatBytes(node.encapsulated.prefix, encodeTree(node.encapsulated.inner))
      : (node.content ?? new Uint8Array(0));
  return concatBytes(Uint8Array.of(node.tag), Uint8Array.from(lengthOctets(content.length, node.lengthEdit)), content);
}

interface Located {
  readonly node: DerNode;
  readonly siblings?: DerNode[];
}

function flatten(root: DerNode): Located[] {
  const out: Located[] = [{ node: root }];
  // An array iterator also visits what is pushed during the walk.
  for (const { node } of out) {
    for (const child of node.children ?? []) out.push({ node: child, siblings: node.children });
    if (node.encapsulated) out.push({ node: node.encapsulated.inner });
  }
  return out;
}

/** How many nodes a tree edit can address in this encoding (its `target` is taken modulo this). */
export function treeSize(bytes: Uint8Array): number {
  return flatten(parseTree(bytes)).length;
}

const clone = (node: DerNode): DerNode => structuredClone(node);

/** Turns node into `by` in place, so the parent's list needs no update. */
function replace(node: DerNode, by: DerNode): void {
  delete node.children;
  delete node.content;
  delete node.encapsulated;
  delete node.lengthEdit;
  delete node.raw;
  Object.assign(node, by);
}

export type TreeEdit = { readonly kind: number; readonly target: number; readonly other: number; readonly n: number; readonly bytes: Uint8Array };

export const treeEdit: fc.Arbitrary<TreeEdit> = fc.record({
  kind: fc.nat({ max: 10 }),
  target: fc.nat(),
  other: fc.nat(),
  n: fc.nat({ max: 1000 }),
  bytes: fc.uint8Array({ maxLength: 24 }),
});

/**
 * Tag swap, length lie, deletion, repetition of a field, nesting a field deeper,
 * new content, truncated content, a field replaced by another one of the tree,
 * neighbours swapped, an extra element inserted, a field cut to its first children.
 */
export function applyTreeEdits(input: Uint8Array, edits: readonly TreeEdit[]): Uint8Array {
  const root = parseTree(input);
  for (const { kind, target, other, n, bytes } of edits) {
    const nodes = flatten(root);
    const { node, siblings } = itemAt(nodes, target % nodes.length);
    const index = siblings ? siblings.indexOf(node) : -1;
    switch (kind) {
      case 0:
        node.tag = n % 3 === 0 ? n & 0xff : itemAt(INTERESTING_TAGS, n % INTERESTING_TAGS.length);
        break;
      case 1:
        node.lengthEdit = n % 12 < 9 ? n % 12 : (n % 300) - 150;
        break;
      case 2:
        if (siblings) siblings.splice(index, 1);
        break;
      case 3:
        if (siblings) siblings.splice(index, 0, ...Array.from({ length: 1 + (n % 6) }, () => clone(node)));
        break;
      case 4: {
        let wrapped = clone(node);
        for (let depth = 0; depth < 1 + (n % 64); depth++) wrapped = { tag: itemAt([0x30, 0x31, 0xa0], (n + depth) % 3), children: [wrapped] };
        replace(node, wrapped);
        break;
      }
      case 5:
        replace(node, { tag: node.tag, content: n % 2 ? bytes : itemAt(INTERESTING_CONTENTS, n % INTERESTING_CONTENTS.length) });
        break;
      case 6:
        if (node.children) node.children.splice(n % (node.children.length + 1));
        else if (node.content) node.content = node.content.subarray(0, n % (node.content.length + 1));
        break;
      case 7: {
        const donor = itemAt(nodes, other % nodes.length).node;
        if (donor !== node) replace(node, clone(donor));
        break;
      }
      case 8: {
        // siblings[index] is node itself.
        const next = siblings?.[index + 1];
        if (siblings && next) [siblings[index], siblings[index + 1]] = [next, node];
        break;
      }
      case 9:
        if (siblings) siblings.splice(index + (n % 2), 0, { tag: itemAt(INTERESTING_TAGS, n % INTERESTING_TAGS.length), content: bytes });
        break;
      default:
        if (node.encapsulated) replace(node, { tag: node.tag, content: encodeTree(node.encapsulated.inner).subarray(0, n % 40) });
        else if (node.children?.length) node.children.splice(0, node.children.length - 1);
    }
  }
  return encodeTree(root);
}

/** Random well-formed TLV trees with the tags and contents the decoders look at. */
export const randomDerTree: fc.Arbitrary<Uint8Array> = fc
  .letrec<{ node: DerNode; leaf: DerNode; constructed: DerNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('constructed')),
    leaf: fc.record({
      tag: fc.constantFrom(...INTERESTING_TAGS),
      content: fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.constantFrom(...INTERESTING_CONTENTS)),
    }),
    constructed: fc.record({
      tag: fc.constantFrom(0x30, 0x30, 0x31, 0xa0, 0xa3),
      children: fc.array(tie('node'), { maxLength: 6 }),
    }),
  }))
  .node.map(encodeTree);

export type TextEdit = { readonly kind: number; readonly at: number; readonly n: number; readonly text: string };

const PEM_PIECES = [
  '-',
  '-----',
  '-----BEGIN ',
  '-----END ',
  'CERTIFICATE',
  'X509 CRL',
  'PUBLIC KEY',
  'PRIVATE KEY',
  'EC PRIVATE KEY',
  ' ',
  '\n',
  '\r\n',
  '=',
  '==',
  'A',
  'a',
  '*',
  '+/',
  '\u00e9',
  '\u0000',
];

export const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  kind: fc.nat({ max: 4 }),
  at: fc.nat(),
  n: fc.nat({ max: 255 }),
  text: fc.oneof(fc.constantFrom(...PEM_PIECES), fc.string({ maxLength: 6 })),
});

/** Insertion of armour pieces, deletion, truncation, repeated chunk, single character change. */
export function applyTextEdits(input: string, edits: readonly TextEdit[]): string {
  let text = input;
  for (const { kind, at, n, text: piece } of edits) {
    const position = at % (text.length + 1);
    switch (kind) {
      case 0:
        text = text.slice(0, position) + piece + text.slice(position);
        break;
      case 1:
        text = text.slice(0, position) + text.slice(position + 1 + (n % 16));
        break;
      case 2:
        text = text.slice(0, position);
        break;
      case 3: {
        const chunk = text.slice(position, position + 1 + (n % 80));
        text = text.slice(0, position) + chunk.repeat(1 + (n % 4)) + text.slice(position);
        break;
      }
      default:
        text = text.slice(0, position) + String.fromCharCode(n) + text.slice(position + 1);
    }
  }
  return text;
}

/** `depth` TLVs of `tag` around `core`, built from the inside out without recursion. */
export function nestDeeply(core: Uint8Array, depth: number, tag: number): Uint8Array {
  const lengthOctetCount = (length: number): number => (length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5);
  // Content length of each TLV, innermost first; `total` ends as the whole encoding's length.
  const lengths = new Float64Array(depth);
  let total = core.length;
  for (let i = 0; i < depth; i++) {
    lengths[i] = total;
    total += 1 + lengthOctetCount(total);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const length of lengths.reverse()) {
    const count = lengthOctetCount(length);
    out[offset++] = tag;
    if (count === 1) out[offset++] = length;
    else {
      out[offset++] = 0x80 | (count - 1);
      for (let shift = count - 2; shift >= 0; shift--) out[offset++] = Math.floor(length / 256 ** shift) & 0xff;
    }
  }
  out.set(core, offset);
  return out;
}

export type BigEdit = { readonly kind: number; readonly target: number; readonly size: number };

/** Sizes where a quadratic path costs seconds and a linear one a few milliseconds. */
export const bigEdit: fc.Arbitrary<BigEdit> = fc.record({
  kind: fc.nat({ max: 6 }),
  target: fc.nat(),
  size: fc.integer({ min: 50_000, max: 200_000 }),
});

function tlvOf(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(tag, ...minimalLength(content.length)), content);
}

/**
 * One node of a valid encoding replaced by something large: an OID with one
 * huge arc or very many arcs, a huge INTEGER-like content under the node's own
 * tag, a very wide SEQUENCE of NULLs, the node nested thousands deep, a huge
 * time string, or the node repeated thousands of times.
 */
export function applyBigEdit(input: Uint8Array, { kind, target, size }: BigEdit): Uint8Array {
  const root = parseTree(input);
  const nodes = flatten(root);
  const { node } = itemAt(nodes, target % nodes.length);
  const own = encodeTree(node);
  let raw: Uint8Array;
  switch (kind) {
    case 0: {
      const arc = new Uint8Array(size).fill(0xff);
      arc[0] = 0x2a;
      arc[size - 1] = 0x01;
      raw = tlvOf(0x06, arc);
      break;
    }
    case 1:
      raw = tlvOf(0x06, new Uint8Array(size).fill(0x01));
      break;
    case 2: {
      const content = new Uint8Array(size).fill(0xff);
      content[0] = 0x7f;
      raw = tlvOf(node.tag, content);
      break;
    }
    case 3: {
      const nulls = new Uint8Array(size - (size % 2));
      for (let i = 0; i < nulls.length; i += 2) nulls[i] = 0x05;
      raw = tlvOf(0x30, nulls);
      break;
    }
    case 4:
      raw = nestDeeply(own, Math.floor(size / 8), itemAt([0x30, 0x31, 0xa0], size % 3));
      break;
    case 5:
      raw = tlvOf(0x18, new Uint8Array(size).fill(0x31));
      break;
    default: {
      const copies = Math.max(2, Math.floor(size / Math.max(own.length, 1)));
      const repeated = new Uint8Array(copies * own.length);
      for (let i = 0; i < copies; i++) repeated.set(own, i * own.length);
      raw = tlvOf(0x30, repeated);
    }
  }
  replace(node, { tag: node.tag, raw });
  return encodeTree(root);
}
