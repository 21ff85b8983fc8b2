import { fromHex, parseCertificate, verifyCertificateChain, verifyInclusion, verifyTreeHead } from '../../crypto/index.ts';
import { auditEventHash } from '../audit/audit-hash.ts';
import { leafOf, TRAIL_HASHER } from '../audit/checkpoints/trail-tree.ts';
import { WITNESS_FORMAT, type WitnessedCheckpoint } from '../audit/checkpoints/witness.ts';
import { SIGNED_ACTS } from '../seals/sign-case-decision.ts';
import type { BagReader } from './bagit.ts';
import { failed, type PackageCheck, passed } from './package-check.ts';
import { type PackagedEvent, PackagedEventSchema, type PackageIndex } from './package-index.ts';
import { signedDataHash } from './verify-signatures.ts';
import { type PackageTrust, trustWith } from './verify-trust.ts';

export interface SignedHead {
  treeSize: number;
  rootHash: Uint8Array;
}

/** The signed tree head: its signature with the city bureau's certificate, which chains to the package's root at signing. */
export function checkCheckpoint(bag: BagReader, index: PackageIndex, trust: PackageTrust, checks: PackageCheck[]): SignedHead | null {
  const file = index.checkpoint.file;
  const fail = (detail: string) => (checks.push(failed('checkpointSignature', file, detail)), null);
  let witness: WitnessedCheckpoint;
  try {
    witness = JSON.parse(bag.text(file) ?? 'null') as WitnessedCheckpoint;
    if (witness?.format !== WITNESS_FORMAT || !Number.isSafeInteger(witness.treeSize)) return fail('not a signed checkpoint of the trail');
    const options = trustWith(trust, index.checkpoint.crl, new Date(witness.timestamp));
    if (typeof options === 'string') return fail(options);
    const certificate = parseCertificate(witness.certificate);
    const chain = verifyCertificateChain(certificate, { ...options, at: new Date(witness.timestamp) });
    if (!chain.ok) return fail(`signer certificate: ${chain.failure}: ${chain.detail}`);
    const head = { treeSize: witness.treeSize, rootHash: fromHex(witness.rootHash), timestamp: witness.timestamp };
    if (!verifyTreeHead({ ...head, signature: new Uint8Array(Buffer.from(witness.signature, 'base64')) }, certificate.publicKey)) {
      return fail('the tree head signature does not verify');
    }
    checks.push(
      passed('checkpointSignature', file, `${witness.treeSize} events, root ${witness.rootHash.slice(0, 16)}…, signed ${witness.signedAt}`),
    );
    return head;
  } catch (error) {
    return fail(`unreadable: ${(error as Error).message}`);
  }
}

function readEvent(bag: BagReader, file: string): PackagedEvent | string {
  try {
    const parsed = PackagedEventSchema.safeParse(JSON.parse(bag.text(file) ?? 'null'));
    return parsed.success ? parsed.data : `not a packaged event: ${parsed.error.issues[0]?.message ?? ''}`;
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

function includedIn(packaged: PackagedEvent, head: SignedHead | null): string | null {
  if (!head) return 'no valid signed checkpoint to prove it against';
  const { inclusion, event } = packaged;
  if (inclusion.treeSize !== head.treeSize || inclusion.leafIndex !== event.seq - 1) {
    return `proves leaf ${inclusion.leafIndex} of ${inclusion.treeSize}, not event ${event.seq} in the checkpoint of ${head.treeSize}`;
  }
  try {
    const path = inclusion.path.map(fromHex);
    return verifyInclusion(TRAIL_HASHER, inclusion.leafIndex, head.treeSize, leafOf(event.hash), path, head.rootHash)
      ? null
      : "the proof does not lead to the checkpoint's root";
  } catch {
    return 'the proof holds something other than hashes';
  }
}

/**
 * Each event of the case: its hash recomputed from its columns (as `hukou verify` does), linked to
 * the one before when both are packaged, and proven in the signed checkpoint (RFC 6962, SM3).
 */
export function checkEvents(bag: BagReader, index: PackageIndex, head: SignedHead | null, checks: PackageCheck[]): Map<string, PackagedEvent> {
  const events = new Map<string, PackagedEvent>();
  let previous: PackagedEvent | null = null;
  for (const entry of index.events) {
    const packaged = readEvent(bag, entry.file);
    if (typeof packaged === 'string') {
      checks.push(failed('eventHash', entry.file, packaged));
      continue;
    }
    const { event } = packaged;
    const { hash, ...columns } = event;
    const problem =
      event.seq !== entry.seq
        ? `holds event ${event.seq}, not ${entry.seq}`
        : event.case_id !== index.case.id
          ? `an event of another case (${event.case_id})`
          : auditEventHash(columns as Parameters<typeof auditEventHash>[0]) !== hash
            ? 'its columns no longer give its hash: the event was changed'
            : null;
    checks.push(
      problem ? failed('eventHash', entry.file, problem) : passed('eventHash', entry.file, `event ${event.seq} ${event.action} ${event.outcome}`),
    );
    if (previous && previous.event.seq === event.seq - 1) {
      const linked = event.prev_hash === previous.event.hash;
      checks.push(
        linked
          ? passed('eventLink', entry.file, `follows event ${previous.event.seq}`)
          : failed('eventLink', entry.file, `its previous hash is not the hash of event ${previous.event.seq}`),
      );
    }
    const proof = includedIn(packaged, head);
    checks.push(
      proof ? failed('inclusionProof', entry.file, proof) : passed('inclusionProof', entry.file, `in the signed tree of ${head?.treeSize}`),
    );
    events.set(entry.file, packaged);
    previous = packaged;
  }
  return events;
}

/** The trail's events of signed decisions (seals/sign-case-decision.ts SIGNED_ACTS). */
const DECISION_EVENTS = new Set([...SIGNED_ACTS].map((act) => `case.${act}`));

const detailOf = (packaged: PackagedEvent): Record<string, unknown> => {
  try {
    return JSON.parse(packaged.event.detail) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * The trail and the signatures tell one story: each decision's event (covered by the checkpoint)
 * carries the dataHash of the signature packaged for it, every signed decision the trail records is
 * packaged, and the approval's event carries the notice's digests.
 */
export function checkTrailRecords(bag: BagReader, index: PackageIndex, events: Map<string, PackagedEvent>, checks: PackageCheck[]): void {
  const decisions = [...events.entries()].filter(
    ([, e]) => e.event.outcome === 'ok' && DECISION_EVENTS.has(e.event.action) && detailOf(e).signature !== undefined,
  );
  for (const entry of index.signatures) {
    const found = decisions.find(([, e]) => e.event.action === `case.${entry.act}` && detailOf(e).seq === entry.seq);
    if (!found) {
      checks.push(failed('trailRecord', entry.signature, `no packaged event records the ${entry.act} of seq ${entry.seq}`));
      continue;
    }
    const recorded = (detailOf(found[1]).signature as { dataHash?: unknown }).dataHash;
    const signed = signedDataHash(bag, entry.signature);
    checks.push(
      signed !== null && recorded === signed
        ? passed('trailRecord', entry.signature, `its dataHash is the one ${found[0]} records`)
        : failed('trailRecord', entry.signature, `${found[0]} records dataHash ${String(recorded)}; the signature carries ${signed ?? 'none'}`),
    );
  }
  for (const [file, e] of decisions) {
    const seq = detailOf(e).seq;
    if (!index.signatures.some((s) => s.seq === seq))
      checks.push(failed('trailRecord', file, `records a signed decision (seq ${String(seq)}) the package lacks`));
  }
  const approval = [...events.entries()].find(
    ([, e]) => e.event.outcome === 'ok' && e.event.action === 'case.approve' && detailOf(e).notice !== undefined,
  );
  if (!approval) {
    if (index.notice) checks.push(failed('trailRecord', index.notice.pdf, 'no packaged event records the issue of this notice'));
    return;
  }
  const recorded = detailOf(approval[1]).notice as { sha256?: unknown; sm3?: unknown };
  const pdf = index.notice ? { sha256: bag.digest(index.notice.pdf, 'sha256'), sm3: bag.digest(index.notice.pdf, 'sm3') } : null;
  if (!index.notice || !pdf?.sha256) return void checks.push(failed('trailRecord', approval[0], 'records a notice the package lacks'));
  const matches = recorded.sm3 === pdf.sm3 && recorded.sha256 === pdf.sha256;
  checks.push(
    matches
      ? passed('trailRecord', index.notice.pdf, `its SHA-256 and SM3 are the ones ${approval[0]} records`)
      : failed('trailRecord', index.notice.pdf, `its digests differ from those ${approval[0]} records`),
  );
}
