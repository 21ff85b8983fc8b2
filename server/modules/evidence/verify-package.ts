import { type BagReader, checkBag } from './bagit.ts';
import { failed, type PackageCheck, passed } from './package-check.ts';
import { INDEX_FILE, type PackageIndex, PackageIndexSchema } from './package-index.ts';
import { checkSignatures } from './verify-signatures.ts';
import { checkCheckpoint, checkEvents, checkTrailRecords } from './verify-trail.ts';
import { checkTrust } from './verify-trust.ts';

/** What `hukou verify-package DIR` found: the case, the root the package brings, every check. */
export interface PackageReport {
  caseNo: string | null;
  exportedAt: string | null;
  /** The package's own root: trusted only as far as its fingerprint is the one the bureau publishes. */
  root: { subject: string; fingerprint: string } | null;
  checks: PackageCheck[];
  valid: boolean;
}

function readIndex(bag: BagReader, checks: PackageCheck[]): PackageIndex | null {
  const text = bag.text(INDEX_FILE);
  if (text === null) return (checks.push(failed('packageIndex', INDEX_FILE, 'missing: nothing tells what the package holds')), null);
  try {
    const parsed = PackageIndexSchema.safeParse(JSON.parse(text));
    if (parsed.success) return (checks.push(passed('packageIndex', INDEX_FILE, `case ${parsed.data.case.caseNo}`)), parsed.data);
    const issue = parsed.error.issues[0];
    checks.push(failed('packageIndex', INDEX_FILE, `not an evidence package map: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`));
  } catch (error) {
    checks.push(failed('packageIndex', INDEX_FILE, `unreadable: ${(error as Error).message}`));
  }
  return null;
}

/** Each original is the file its map entry says: its SHA-256 and SM3 as recorded. */
function checkOriginals(bag: BagReader, index: PackageIndex, checks: PackageCheck[]): void {
  for (const original of index.originals) {
    const [sha256, sm3] = [bag.digest(original.file, 'sha256'), bag.digest(original.file, 'sm3')];
    if (sha256 === null) {
      checks.push(failed('originalFile', original.file, 'missing from the package'));
      continue;
    }
    checks.push(
      sha256 === original.sha256 && sm3 === original.sm3
        ? passed('originalFile', original.file, `${original.mediaType}, ${bag.size(original.file)} bytes, SHA-256 and SM3 as archived`)
        : failed('originalFile', original.file, 'its SHA-256 or SM3 is not the one the archive recorded'),
    );
  }
}

/**
 * Verifies an evidence package offline (no database, no network): the bag (every manifest line,
 * missing and extra files), then the root in the package, its CRLs and certificates, the
 * originals, the signed checkpoint, each event's hash and inclusion proof, each decision's
 * signature over its content and the pages that content names, the notice's signature over the
 * PDF, and that the trail records those signatures. Every check runs even after a failure, so each
 * changed file is named.
 */
export function verifyPackage(dir: string): PackageReport {
  const bag = checkBag(dir);
  const checks = bag.checks;
  const index = readIndex(bag, checks);
  if (!index) return { caseNo: null, exportedAt: null, root: null, checks, valid: false };
  const trust = checkTrust(bag, index, checks);
  checkOriginals(bag, index, checks);
  const head = checkCheckpoint(bag, index, trust, checks);
  const events = checkEvents(bag, index, head, checks);
  checkSignatures(bag, index, trust, checks);
  checkTrailRecords(bag, index, events, checks);
  return { caseNo: index.case.caseNo, exportedAt: index.exportedAt, root: trust.rootFacts, checks, valid: checks.every((c) => c.ok) };
}
