import type { Db } from '../../db/database.ts';
import { checkKeysAgainstStoredRows } from './check-data-keys.ts';
import { requestCaseCompaction, runPendingCompaction } from './compact-case-storage.ts';
import type { KeyRing } from './id-protection.ts';
import { listUnindexedCases } from './id-protection.repo.ts';
import { type RowProblem, rewriteCaseBatch } from './rewrite-case-rows.ts';

export interface ProtectReport {
  /** Rows converted by this run. */
  converted: number;
  /** Plain values encrypted by this run. */
  protectedValues: number;
  /** Whether `cases` was compacted by this run. */
  compacted: boolean;
}

/** Rows that are neither plain as the application wrote them nor openable protected values. */
export class UnconvertibleRowsError extends Error {
  constructor(readonly problems: RowProblem[]) {
    const list = problems
      .slice(0, 10)
      .map((p) => `${p.caseId} ${p.column} ${p.reason}`)
      .join('; ');
    super(
      `${problems.length} 条业务的个人数据既非明文也无法解开，未转换 / ${problems.length} case row(s) hold personal data that is neither plain nor openable and were not converted: ${list}`,
    );
    this.name = 'UnconvertibleRowsError';
  }
}

const MAX_PROBLEMS = 100;

export interface ProtectOptions {
  batchSize?: number;
  /** Progress and warnings for the operator. */
  log?: (message: string) => void;
  /** How long the compaction may wait for older snapshots (default 30 s) before leaving it for the next start. */
  compactionWaitMs?: number;
  now?: () => Date;
}

/**
 * The data step after migration 0005, run by start-up right after migrations: protects every
 * applicant ID number and `fields` value still in plain text, computes the blind index, then
 * compacts `cases` if that is owed. Idempotent and safe to interrupt: a row is converted in one
 * UPDATE and found again by its missing blind index until it is; the compaction request is removed
 * only once the compaction is done. A start with nothing to do costs one indexed lookup and one
 * small read.
 */
export async function protectExistingRows(db: Db, ring: KeyRing, options: ProtectOptions = {}): Promise<ProtectReport> {
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  await checkKeysAgainstStoredRows(db, ring);
  const problems: RowProblem[] = [];
  let converted = 0;
  let protectedValues = 0;
  for (;;) {
    const rows = await listUnindexedCases(
      db.kysely,
      batchSize,
      problems.map((p) => p.caseId),
    );
    if (rows.length === 0) break;
    // Whatever a conversion overwrites stays in free pages until compacted: owe that first.
    if (converted === 0) await requestCaseCompaction(db, now());
    const outcome = await rewriteCaseBatch(db, ring, rows, 'plain');
    converted += outcome.rewritten;
    protectedValues += outcome.protectedPlain;
    problems.push(...outcome.problems);
    if (outcome.rewritten > 0) log(`Protected the ID numbers of ${converted} case(s) so far`);
    // A batch of nothing but rows others keep changing, or too many bad rows: stop, report.
    if (problems.length >= MAX_PROBLEMS || (outcome.rewritten === 0 && outcome.problems.length === 0)) break;
  }
  const compaction = await runPendingCompaction(db, { waitMs: options.compactionWaitMs });
  if (compaction === 'done') log('Compacted the cases table: no overwritten personal data is left in free pages or the WAL');
  if (compaction === 'deferred') {
    log(
      '警告：有较早的事务或读取未结束，cases 表的压缩推迟到下次启动 / WARNING: older transactions or readers are still open; ' +
        'compacting the cases table (which removes overwritten plain values from the database files) is left for the next start',
    );
  }
  if (problems.length > 0) throw new UnconvertibleRowsError(problems);
  return { converted, protectedValues, compacted: compaction === 'done' };
}
