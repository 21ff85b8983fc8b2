import { z } from 'zod';
import type { RuleCode } from './rule-codes.ts';

export interface Label {
  zh: string;
  en: string;
}

/**
 * What a rule found: one fact, named by its key, which the warnings table holds once (UNIQUE
 * (rule, fact_key)): whoever finds it first, an act or the sweep, raises the warning; the other
 * finds it there. Never a full ID number in `detail`.
 */
export interface Finding {
  rule: RuleCode;
  factKey: string;
  caseId: string | null;
  /** The unit answerable for the fact. */
  unitId: string;
  /** The station holding the case, when there is one. */
  caseUnitId: string | null;
  /** When the fact happened. */
  occurredAt: string;
  detail: Record<string, unknown>;
}

/** A rule as the policy and the documentation know it: its code, its names, what it keys on, its settings. */
export interface RuleDefinition {
  code: RuleCode;
  name: Label;
  /** What one warning stands for: the fact its key names (docs/SUPERVISION.md). */
  keyOn: string;
  /** When it is evaluated. */
  evaluatedOn: string;
}

/** Every rule can be switched off; a switched-off rule raises nothing, on acts or in the sweep. */
export const enabled = z.boolean().describe('whether the rule raises warnings');

/** Hours a rule waits after a deadline before it counts a case as late; bounded to 30 days. */
export const hours = (what: string) => z.number().int().min(0).max(720).describe(what);

const HOUR = 3_600_000;

export function plusHours(at: string, hoursAfter: number): string {
  return new Date(Date.parse(at) + hoursAfter * HOUR).toISOString();
}

export function hoursBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / HOUR);
}
