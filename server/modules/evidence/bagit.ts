import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failed, type PackageCheck, passed } from './package-check.ts';

/**
 * BagIt 1.0 (RFC 8493): the payload under `data/`, each file listed with its digest in a payload
 * manifest per algorithm (SHA-256, and SM3 as the national hash), the tag files listed in tag
 * manifests. Written so that `sha256sum -c manifest-sha256.txt` run in the bag also checks it.
 */

export const BAG_ALGORITHMS = { sha256: 'SHA-256', sm3: 'SM3' } as const;
export type BagAlgorithm = keyof typeof BAG_ALGORITHMS;
const ALGORITHMS = Object.keys(BAG_ALGORITHMS) as BagAlgorithm[];

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
const BAG_INFO = 'bag-info.txt';
const manifestName = (algorithm: BagAlgorithm) => `manifest-${algorithm}.txt`;
const tagManifestName = (algorithm: BagAlgorithm) => `tagmanifest-${algorithm}.txt`;

export interface BagFile {
  /** Bag-relative, under `data/`. */
  path: string;
  /** The bytes, or how to read them when the bag is written: originals are read one at a time. */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

const digestOf = (algorithm: BagAlgorithm, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

/** RFC 8493 2.1.3: CR, LF and % in a manifest's paths are percent-encoded. */
const encodePath = (p: string) => p.replace(/[%\r\n]/g, (c) => ({ '%': '%25', '\r': '%0D', '\n': '%0A' })[c] as string);
const decodePath = (p: string) => p.replace(/%(25|0D|0A)/gi, (m) => ({ '%25': '%', '%0D': '\r', '%0A': '\n' })[m.toUpperCase()] as string);

type Digested = { path: string; size: number } & Record<BagAlgorithm, string>;

const manifestText = (algorithm: BagAlgorithm, files: readonly Digested[]) => files.map((f) => `${f[algorithm]}  ${encodePath(f.path)}\n`).join('');

function writeFile(dir: string, relative: string, bytes: Uint8Array): Digested {
  const target = path.join(dir, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  fs.writeFileSync(target, bytes, { mode: 0o600, flag: 'wx' });
  return { path: relative, size: bytes.length, sha256: digestOf('sha256', bytes), sm3: digestOf('sm3', bytes) };
}

/**
 * Writes a complete bag into `dir` (which must not hold one yet): payload, manifests, bag-info.txt
 * with Payload-Oxum and Bagging-Date, tag manifests. Files are readable by their owner only: a
 * case's package holds personal data. Answers the SHA-256 of tagmanifest-sha256.txt, which pins
 * every byte of the bag.
 */
export async function writeBag(dir: string, payload: readonly BagFile[], info: readonly [string, string][], baggedAt: Date) {
  const written: Digested[] = [];
  for (const file of [...payload].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    written.push(writeFile(dir, file.path, typeof file.bytes === 'function' ? await file.bytes() : file.bytes));
  }
  const octets = written.reduce((sum, f) => sum + f.size, 0);
  const labels: [string, string][] = [
    ...info,
    ['Bagging-Date', baggedAt.toISOString().slice(0, 10)],
    ['Payload-Oxum', `${octets}.${written.length}`],
  ];
  const tagFiles = [
    writeFile(dir, 'bagit.txt', Buffer.from(BAGIT_TXT)),
    writeFile(dir, BAG_INFO, Buffer.from(labels.map(([label, value]) => `${label}: ${value.replace(/\s+/g, ' ')}\n`).join(''))),
    ...ALGORITHMS.map((a) => writeFile(dir, manifestName(a), Buffer.from(manifestText(a, written)))),
  ];
  const [tagManifest] = ALGORITHMS.map((a) => writeFile(dir, tagManifestName(a), Buffer.from(manifestText(a, tagFiles))));
  return { files: written.length, octets, tagManifestSha256: tagManifest!.sha256 };
}

/** Every regular file under `dir`, bag-relative; anything else (a link, a device) is reported. */
function walk(dir: string, checks: PackageCheck[]): Set<string> {
  const found = new Set<string>();
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) found.add(child);
      else checks.push(failed('extraFile', child, 'not a regular file: a bag holds files only'));
    }
  };
  visit('');
  return found;
}

interface ManifestLine {
  digest: string;
  path: string;
}

function parseManifest(text: string, name: string, check: 'tagManifest' | 'payloadManifest', checks: PackageCheck[]): ManifestLine[] {
  const lines: ManifestLine[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const match = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!match) checks.push(failed(check, name, `line ${i + 1} is not "digest path"`));
    else lines.push({ digest: match[1]!.toLowerCase(), path: decodePath(match[2]!) });
  }
  return lines;
}

const isPlainPath = (p: string) => !p.startsWith('/') && !p.split('/').some((part) => part === '' || part === '.' || part === '..');

/** Files up to this size stay in memory once read (the map, contents, events); originals are read again when needed. */
const CACHED_BYTES = 1 << 20;

/** A bag as found on disk: its files, their digests computed once each, and what was checked. */
export class BagReader {
  readonly files: Set<string>;
  readonly checks: PackageCheck[] = [];
  private readonly cache = new Map<string, Buffer>();
  private readonly digests = new Map<string, Record<BagAlgorithm, string>>();

  constructor(readonly dir: string) {
    this.files = walk(dir, this.checks);
  }

  /** The bytes of a file the bag holds; null when it holds no such regular file. */
  read(relative: string): Buffer | null {
    if (!isPlainPath(relative) || !this.files.has(relative)) return null;
    const cached = this.cache.get(relative);
    if (cached) return cached;
    const bytes = fs.readFileSync(path.join(this.dir, relative));
    if (bytes.length <= CACHED_BYTES) this.cache.set(relative, bytes);
    return bytes;
  }

  text(relative: string): string | null {
    return this.read(relative)?.toString('utf8') ?? null;
  }

  /** A file's digest (hex), both algorithms computed in one reading; null when the bag holds no such file. */
  digest(relative: string, algorithm: BagAlgorithm): string | null {
    let known = this.digests.get(relative);
    if (!known) {
      const bytes = this.read(relative);
      if (!bytes) return null;
      known = { sha256: digestOf('sha256', bytes), sm3: digestOf('sm3', bytes) };
      this.digests.set(relative, known);
    }
    return known[algorithm];
  }

  size(relative: string): number {
    return this.files.has(relative) && isPlainPath(relative) ? fs.statSync(path.join(this.dir, relative)).size : 0;
  }
}

function checkDeclaration(bag: BagReader): void {
  const text = bag.text('bagit.txt');
  if (text === null) bag.checks.push(failed('missingFile', 'bagit.txt', 'the bag declaration is missing'));
  else if (text.replace(/\r\n/g, '\n') !== BAGIT_TXT) bag.checks.push(failed('bagDeclaration', 'bagit.txt', 'not a BagIt 1.0 declaration in UTF-8'));
  else bag.checks.push(passed('bagDeclaration', 'bagit.txt', 'BagIt 1.0, UTF-8'));
}

/** Each listed file's digest; a listed file missing is named once, whichever manifests list it. */
function checkListed(bag: BagReader, manifest: string, algorithm: BagAlgorithm, kind: 'tagManifest' | 'payloadManifest', missing: Set<string>) {
  const text = bag.text(manifest);
  if (text === null) return null;
  const lines = parseManifest(text, manifest, kind, bag.checks);
  const listed = new Set<string>();
  let matching = 0;
  for (const line of lines) {
    if (!isPlainPath(line.path) || (kind === 'payloadManifest') !== line.path.startsWith('data/')) {
      bag.checks.push(
        failed(kind, manifest, `lists ${JSON.stringify(line.path)}, outside ${kind === 'payloadManifest' ? 'data/' : 'the tag files'}`),
      );
      continue;
    }
    if (listed.has(line.path)) bag.checks.push(failed(kind, line.path, `listed twice in ${manifest}`));
    listed.add(line.path);
    const actual = bag.digest(line.path, algorithm);
    if (actual === null) {
      if (!missing.has(line.path)) bag.checks.push(failed('missingFile', line.path, `listed in ${manifest} but not in the bag`));
      missing.add(line.path);
    } else if (actual !== line.digest) {
      bag.checks.push(failed(kind, line.path, `its ${BAG_ALGORITHMS[algorithm]} differs from ${manifest}: the file was changed`));
    } else matching++;
  }
  bag.checks.push(passed(kind, manifest, `${matching} of ${lines.length} file(s) match their ${BAG_ALGORITHMS[algorithm]}`));
  return listed;
}

function checkPayloadOxum(bag: BagReader, payload: readonly string[]): void {
  const info = bag.text(BAG_INFO);
  const oxum = info ? /^Payload-Oxum:\s*(\d+)\.(\d+)\s*$/m.exec(info) : null;
  if (!oxum) return void bag.checks.push(failed('bagInfo', BAG_INFO, 'no Payload-Oxum'));
  const octets = payload.reduce((sum, p) => sum + bag.size(p), 0);
  const stated = `${oxum[1]}.${oxum[2]}`;
  const actual = `${octets}.${payload.length}`;
  bag.checks.push(
    stated === actual
      ? passed('bagInfo', BAG_INFO, `Payload-Oxum ${actual}`)
      : failed('bagInfo', BAG_INFO, `Payload-Oxum says ${stated}; the payload holds ${actual} (octets.files)`),
  );
}

/**
 * Checks that the bag is complete and valid (RFC 8493 3): its declaration, every tag and payload
 * manifest line against the file's bytes, every listed file present, no file in the payload (or
 * beside the tag files) that no manifest lists. Each problem names its file.
 */
export function checkBag(dir: string): BagReader {
  const bag = new BagReader(dir);
  checkDeclaration(bag);
  const missing = new Set<string>();
  const tagListed = new Set<string>();
  for (const algorithm of ALGORITHMS) {
    const name = tagManifestName(algorithm);
    const listed = checkListed(bag, name, algorithm, 'tagManifest', missing);
    if (listed) for (const p of listed) tagListed.add(p);
    else if (algorithm === 'sha256') bag.checks.push(failed('missingFile', name, 'the SHA-256 tag manifest is missing'));
  }
  const payload = [...bag.files].filter((p) => p.startsWith('data/')).sort();
  const manifests: [string, Set<string>][] = [];
  for (const algorithm of ALGORITHMS) {
    const name = manifestName(algorithm);
    const listed = checkListed(bag, name, algorithm, 'payloadManifest', missing);
    if (listed) manifests.push([name, listed]);
    else if (algorithm === 'sha256') bag.checks.push(failed('missingFile', name, 'the SHA-256 payload manifest is missing'));
  }
  for (const p of payload) {
    const unlisted = manifests.filter(([, listed]) => !listed.has(p)).map(([name]) => name);
    if (unlisted.length > 0) bag.checks.push(failed('extraFile', p, `in the payload but not listed in ${unlisted.join(' or ')}`));
  }
  const known = new Set(['bagit.txt', BAG_INFO, ...ALGORITHMS.flatMap((a) => [manifestName(a), tagManifestName(a)])]);
  for (const p of bag.files) {
    if (!p.startsWith('data/') && !known.has(p) && !tagListed.has(p))
      bag.checks.push(failed('extraFile', p, 'not part of the bag: no manifest lists it'));
  }
  checkPayloadOxum(bag, payload);
  return bag;
}
