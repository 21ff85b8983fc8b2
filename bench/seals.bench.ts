/**
 * The seals section of `npm run bench` (issue 11): what signing costs a decision, what a notice
 * costs an approval, and what checkpoints and proofs cost over a trail of a million events, on a
 * scratch SQLite file or PostgreSQL database of its own, in this process through the real use
 * cases. Every rate stands beside its reference measured in the same run (docs/PERFORMANCE.md,
 * "Seals, notices and checkpoints"); SM2 beside ECDSA P-256 is in the crypto section.
 */
import { asError } from './as-error.ts';
import type { BenchOptions, DatabaseKind } from './options.ts';
import { seconds } from './report.ts';
import { CaseFactory } from './seals-cases.ts';
import { measureDecisions } from './seals-decisions.ts';
import { measureNotices } from './seals-notices.ts';
import { printSealsFigures, type SealsFigures } from './seals-report.ts';
import { withSealsRig } from './seals-rig.ts';
import { measureTrail } from './seals-trail.ts';

export { sealsMarkdown, type SealsFigures } from './seals-report.ts';

/** "1,000 more events", as issue 11 asks, at every size: the smoke trail is 2,000. */
const INCREMENT_EVENTS = 1_000;

/** Runs one part, printing how long it took; a failure is recorded and the next part still runs. */
async function part<T>(name: string, problems: string[], work: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  console.log(`  ${name} ...`);
  try {
    return await work();
  } catch (caught) {
    const error = asError(caught);
    problems.push(`${name}: ${error.message.split('\n')[0]}`);
    console.error(`  ${name} FAILED: ${error.stack ?? error.message}`);
    return undefined;
  } finally {
    console.log(`  ${name}: ${seconds(performance.now() - started)}`);
  }
}

export function runSealsSection(kind: DatabaseKind, options: BenchOptions): Promise<SealsFigures> {
  // A smoke run only checks that every part still runs: no warm-up, the fewest cases that do.
  const warmUp = { full: 5, quick: 3, smoke: 0 }[options.mode];
  const rounds = options.mode === 'smoke' ? 1 : 5;
  return withSealsRig(kind, options.pgAdminUrl, async (rig) => {
    const pages = rig.subtype.materials.filter((m) => m.required).reduce((n, m) => n + m.minPages, 0);
    console.log(
      `  sub-type ${rig.subtype.code} ${rig.subtype.name} (${rig.subtype.approvalChain.join(' → ')}, ${pages} required pages); ` +
        `${options.sealDecisions} 审核 and ${options.sealDecisions} 撤回 after ${warmUp} of each; ${options.sealApprovals} 审批; ` +
        `a trail of ${options.trailEvents.toLocaleString('en-US')} loaded events`,
    );
    const figures: SealsFigures = { kind, problems: [] };
    const factory = new CaseFactory(rig, options.seed);
    figures.decisions = await part('decisions (cases prepared, then timed)', figures.problems, () =>
      measureDecisions(rig, factory, options.sealDecisions, warmUp),
    );
    const reviewed = figures.decisions?.reviewedCaseIds;
    if (reviewed) {
      figures.notices = await part('approvals and notices', figures.problems, () =>
        measureNotices(rig, reviewed, options.sealApprovals, options.cryptoSeconds, rounds),
      );
    }
    figures.trail = await part('the trail: load, checkpoints, proofs, verify', figures.problems, () =>
      measureTrail(rig, options.trailEvents, INCREMENT_EVENTS),
    );
    figures.problems.push(...(figures.trail?.problems ?? []));
    printSealsFigures(figures);
    return figures;
  });
}
