import type { AppContext } from '../../../context.ts';
import type { Finding } from '../rules/rule.ts';
import type { SupervisionPolicy } from '../supervision-policy.ts';
import type { UnitPlace } from '../warning-facts.repo.ts';

/** What each part of one sweep run shares. */
export interface SweepRun {
  ctx: AppContext;
  policy: SupervisionPolicy;
  units: readonly UnitPlace[];
  /** The run's instant: warnings are raised at it, facts are judged against it. */
  now: string;
  /** Instants after the previous run's `until`, up to this run's (a little before now, see sweep-warnings.ts). */
  after: string;
  until: string;
  /** Raises what a batch found, in one transaction; answers how many were new. */
  raise(findings: readonly (Finding | null)[]): Promise<number>;
}

/** Rows read per query: a batch is one transaction of raises at most. */
export const BATCH = 500;

const HOUR = 3_600_000;

export function minusHours(at: string, hours: number): string {
  return new Date(Date.parse(at) - hours * HOUR).toISOString();
}

/** Whether an instant falls in the run's window (exclusive below, inclusive above). */
export function inWindow(run: Pick<SweepRun, 'after' | 'until'>, at: string): boolean {
  return at > run.after && at <= run.until;
}
