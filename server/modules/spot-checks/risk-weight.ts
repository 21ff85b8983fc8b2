/**
 * How risky a decided case looks to a spot check, and the weighted draw (docs/SPOT-CHECKS.md, "Weights").
 * Pure: the repository counts the facts, this turns them into a weight and draws.
 *
 *   weight = 1                                    every case can be drawn
 *          + 3 × min(warnings on the case, 3)     预警, open or past
 *          + 4 × the sub-type's return rate       share of its cases in scope ever returned (退回)
 *          + 4 × the accepting officer's rate     share of that officer's cases ever returned
 *
 * So a plain case weighs 1 and the riskiest about 18: drawn far more often, never certainly.
 */
export interface RiskFacts {
  warnings: number;
  subtypeReturnRate: number;
  officerReturnRate: number;
}

export const RISK_WEIGHTS = { base: 1, perWarning: 3, maxWarnings: 3, subtypeReturns: 4, officerReturns: 4 } as const;

export function riskWeight(facts: RiskFacts): number {
  const w = RISK_WEIGHTS;
  return (
    w.base +
    w.perWarning * Math.min(facts.warnings, w.maxWarnings) +
    w.subtypeReturns * clampRate(facts.subtypeReturnRate) +
    w.officerReturns * clampRate(facts.officerReturnRate)
  );
}

function clampRate(rate: number): number {
  return Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
}

/**
 * Weighted sampling without replacement (Efraimidis–Spirakis): each candidate gets the key u^(1/w)
 * for a uniform u, and the `size` largest keys are drawn. A candidate twice as heavy is about twice as
 * likely to be drawn first. Candidates are taken in the order given, so the same list and seed draw
 * the same sample.
 */
export function drawWeighted<T extends { weight: number }>(candidates: readonly T[], size: number, random: () => number): T[] {
  const keyed = candidates.map((candidate) => {
    const u = Math.max(random(), Number.MIN_VALUE);
    return { candidate, key: Math.log(u) / Math.max(candidate.weight, 1e-6) };
  });
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, size).map((k) => k.candidate);
}
