import { closeContext, openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { inTransaction } from '../server/db/transaction.ts';
import { findCase } from '../server/modules/cases/cases.repo.ts';
import { warnOnCaseAct } from '../server/modules/supervision/evaluate-act.ts';
import { type SweepReport, sweepWarnings } from '../server/modules/supervision/sweep-warnings.ts';
import { saveSweepMarks } from '../server/modules/supervision/warning-facts.repo.ts';
import { type LatencySummary, summarize } from './latency.ts';
import { printTable, seconds } from './report.ts';
import type { ScratchDatabase } from './scratch-db.ts';
import { inRolledBackTransaction } from './seals-rig.ts';

export interface WarningSweepFigures {
  cases: number;
  /** The first sweep: the whole history, raising every warning it finds. */
  sweepMs: number;
  /** The same whole-history sweep again, every fact already warned of: the rules' cost without the inserts. */
  resweepMs: number;
  /** Rows the plain scan read, and how long it took: the least any pass over every case costs. */
  scanMs: number;
  raised: SweepReport['raised'];
  /** warnOnCaseAct alone, per act, in a transaction rolled back: what the evaluation adds to an act. */
  evaluation: { submit: LatencySummary; approveLate: LatencySummary };
}

const SCAN_BATCH = 5000;

/** Reads every case row by primary-key ranges, the columns a time-based rule looks at: a plain scan of the table. */
async function plainScan(ctx: AppContext): Promise<number> {
  let after = '';
  let rows = 0;
  for (;;) {
    const batch = await ctx.db.kysely
      .selectFrom('cases')
      .select(['id', 'unit_id', 'status', 'accepted_at', 'submitted_at', 'capture_deadline', 'approval_deadline', 'chain_step'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(SCAN_BATCH)
      .execute();
    rows += batch.length;
    if (batch.length < SCAN_BATCH) return rows;
    after = batch[batch.length - 1]!.id;
  }
}

/** Case ids spread over the whole table (every n-th by id), for timing the evaluation of one act. */
async function sampleCaseIds(ctx: AppContext, count: number, total: number): Promise<string[]> {
  const step = Math.max(1, Math.floor(total / count));
  const ids: string[] = [];
  let after = '';
  while (ids.length < count) {
    const row = await ctx.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .offset(step - 1)
      .limit(1)
      .executeTakeFirst();
    if (!row) break;
    ids.push(row.id);
    after = row.id;
  }
  return ids;
}

/** Times warnOnCaseAct for `act` on each case, at `at`, each in its own rolled-back transaction. */
async function timeEvaluation(ctx: AppContext, ids: readonly string[], act: 'submit' | 'approve', at: string): Promise<LatencySummary> {
  const samples: number[] = [];
  for (const id of ids) {
    await inRolledBackTransaction(ctx, async (tx) => {
      const kase = (await findCase(tx, ctx.dataKeys, id))!;
      const ref = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
      const started = performance.now();
      await warnOnCaseAct(tx, { act, at, kase, ref, level: act === 'approve' ? 'city' : null, after: kase });
      samples.push(performance.now() - started);
    });
  }
  return summarize(samples);
}

/**
 * 预警 over the whole archive (issue 12, part 7): the first sweep of a database reads all of its
 * history, here the ten years of bulk-loaded cases, timed beside a plain scan of the same table in
 * the same run; then the evaluation an act runs in its transaction, timed alone per act.
 */
export async function measureWarningSweep(scratch: ScratchDatabase, samples: number): Promise<WarningSweepFigures> {
  const ctx = await openContext(loadConfig({ HUKOU_DATA_DIR: scratch.dir, DATABASE_URL: scratch.databaseUrl, HUKOU_LOG_LEVEL: 'silent' }));
  try {
    let started = performance.now();
    const cases = await plainScan(ctx);
    const scanMs = performance.now() - started;
    started = performance.now();
    const report = await sweepWarnings(ctx);
    const sweepMs = performance.now() - started;
    await inTransaction(ctx.db, (tx) => saveSweepMarks(tx, { sweptUntil: new Date(0).toISOString(), auditSeq: 0 }, ctx.now().toISOString()));
    started = performance.now();
    await sweepWarnings(ctx);
    const resweepMs = performance.now() - started;
    const ids = await sampleCaseIds(ctx, samples, cases);
    const now = ctx.now().toISOString();
    const evaluation = { submit: await timeEvaluation(ctx, ids, 'submit', now), approveLate: await timeEvaluation(ctx, ids, 'approve', now) };
    return { cases, sweepMs, resweepMs, scanMs, raised: report.raised, evaluation };
  } finally {
    await closeContext(ctx);
  }
}

export function printWarningSweep(kind: string, figures: WarningSweepFigures, actP99: { submit: number; approve: number }): void {
  const perSecond = (ms: number) => Math.round(figures.cases / (ms / 1000)).toLocaleString('en-US');
  printTable(
    `[${kind}] warning sweep over ${figures.cases.toLocaleString('en-US')} cases (the first sweep reads all history)`,
    ['pass', 'time', 'cases/s', 'sweep / scan'],
    [
      ['plain scan of cases', seconds(figures.scanMs), perSecond(figures.scanMs), ''],
      ['full warning sweep', seconds(figures.sweepMs), perSecond(figures.sweepMs), (figures.sweepMs / figures.scanMs).toFixed(1)],
      ['again, all already warned', seconds(figures.resweepMs), perSecond(figures.resweepMs), (figures.resweepMs / figures.scanMs).toFixed(1)],
    ],
  );
  console.log(`[${kind}] warnings raised by the sweep: ${JSON.stringify(figures.raised)}`);
  const share = (evalP99: number, act: number) => (Number.isFinite(act) && act > 0 ? `${((evalP99 / act) * 100).toFixed(1)}%` : 'n/a');
  printTable(
    `[${kind}] evaluation per act (warnOnCaseAct alone, ms) beside the act's server-side p99 (workflow section)`,
    ['act', 'eval p50', 'eval p99', 'act p99', 'eval p99 / act p99 (goal ≤ 10%)'],
    [
      [
        'submit (不齐全)',
        figures.evaluation.submit.p50.toFixed(2),
        figures.evaluation.submit.p99.toFixed(2),
        actP99.submit.toFixed(1),
        share(figures.evaluation.submit.p99, actP99.submit),
      ],
      [
        'approve, late (审批超期)',
        figures.evaluation.approveLate.p50.toFixed(2),
        figures.evaluation.approveLate.p99.toFixed(2),
        actP99.approve.toFixed(1),
        share(figures.evaluation.approveLate.p99, actP99.approve),
      ],
    ],
  );
}
