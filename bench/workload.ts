import type { ApprovalLevel, Catalog, CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import type { CaseStatus } from '../server/modules/cases/workflow.ts';
import { fieldValues } from './field-values.ts';
import { Rng, WeightedPicker } from './prng.ts';
import type { StationStaff } from './staff-roster.ts';
import { annualCases } from './subtype-mix.ts';
import { applicant, EZHOU_DISTRICTS, type SyntheticApplicant } from './synthetic-people.ts';

/**
 * The synthetic business of a city of about one million people: which cases arrive, where, when,
 * for whom, and how each one runs through its workflow. Everything comes from one seed, so every
 * run and both databases see the same year.
 */

export type PlannedActName = 'capture' | 'verify' | 'submit' | 'review' | 'approve' | 'return' | 'complete' | 'withdraw';

export interface PlannedAct {
  act: PlannedActName;
  at: Date;
  /** The approval level deciding, for review, approve and return. */
  level?: ApprovalLevel;
  /** The material a capture adds a page to. */
  material?: string;
  /** The case's state right after the act, as the workflow (workflow.ts) computes it. */
  status: CaseStatus;
  chainStep: number;
}

export interface PlannedCase {
  serial: number;
  id: string;
  subtype: CatalogSubtype;
  station: StationStaff;
  officer: string;
  applicant: SyntheticApplicant;
  fields: Record<string, string | number>;
  acceptedAt: Date;
  outcome: 'completed' | 'withdrawn' | 'stalled';
  /** Every act after acceptance, in order; the HTTP driver replays them, the bulk loader reads the state at a date. */
  acts: PlannedAct[];
}

export interface WorkloadOptions {
  catalog: Catalog;
  stations: StationStaff[];
  seed: number;
  from: Date;
  to: Date;
  count: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

// Window hours in Beijing time, 08:30–12:00 and 14:30–17:30, as minutes after local midnight.
type Span = [number, number];
const OPENING_SPANS: [morning: Span, afternoon: Span] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60 + 30, 17 * 60 + 30],
];
const OPEN_MINUTES = OPENING_SPANS.reduce((sum, [a, b]) => sum + b - a, 0);
// Mondays are busiest; Spring Festival empties February.
const WEEKDAY_WEIGHT = [0, 1.15, 1, 1, 1, 0.95, 0];
const MONTH_WEIGHT = [1.1, 0.75, 1, 1, 1, 1, 1.1, 1.15, 1.1, 0.9, 1, 1];
// Share of population by district: 鄂城区 has the three urban stations, 华容区 two, 梁子湖区 one.
const STATION_WEIGHT: Record<string, number> = {
  '420704510000': 22,
  '420704520000': 18,
  '420704530000': 15,
  '420703510000': 14,
  '420703520000': 13,
  '420702510000': 18,
};
// Applicant age range by catalog category: parents for births, relatives for deaths, and so on.
const AGE_BY_CATEGORY: Record<string, [number, number]> = {
  '01': [22, 42],
  '02': [30, 70],
  '03': [20, 65],
  '04': [22, 55],
  '05': [17, 25],
  '06': [20, 60],
  '07': [18, 70],
  '08': [16, 60],
  '09': [28, 75],
  '10': [25, 75],
  '11': [18, 70],
  '12': [16, 80],
  '13': [30, 75],
  '14': [20, 75],
};
const DECISION_HOURS: Record<ApprovalLevel, [number, number]> = { station: [0.5, 6], branch: [2, 24], city: [6, 48] };

function uuidFrom(rng: Rng): string {
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rng.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  // Version 4 and the RFC 4122 variant, so the API's uuid validation accepts the id.
  const variant = '89ab'.charAt(parseInt(hex.charAt(16), 16) & 3);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function beijingDayStart(t: number): number {
  return Math.floor((t + BEIJING) / DAY) * DAY - BEIJING;
}

const FIRST_OPENING = OPENING_SPANS[0][0] * MINUTE;
const LAST_CLOSING = OPENING_SPANS[1][1] * MINUTE;

/**
 * Working days whose opening hours lie wholly in [from, to), with the weight of each; a working day
 * is Monday to Friday in Beijing. Wholly: a Beijing day straddles two UTC dates, and a case accepted
 * after `to` would be a case from the archive's future.
 */
function workingDays(from: Date, to: Date): { start: number; weight: number }[] {
  const days: { start: number; weight: number }[] = [];
  for (let start = beijingDayStart(from.getTime()); start + LAST_CLOSING <= to.getTime(); start += DAY) {
    if (start + FIRST_OPENING < from.getTime()) continue;
    const local = new Date(start + BEIJING);
    const weekday = WEEKDAY_WEIGHT[local.getUTCDay()];
    const month = MONTH_WEIGHT[local.getUTCMonth()];
    if (weekday === undefined || month === undefined) throw new Error(`no weekday or month weight for ${local.toISOString()}`);
    const weight = weekday * month;
    if (weight > 0) days.push({ start, weight });
  }
  return days;
}

/** Cases per day, summing exactly to `count` (largest remainder), proportional to the day weights. */
function casesPerDay(weights: number[], count: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (count * w) / total);
  const floors = exact.map(Math.floor);
  let left = count - floors.reduce((a, b) => a + b, 0);
  // The cases the floors leave out go one each to the days with the largest remainders.
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  const roundedUp = new Set<number>();
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    roundedUp.add(i);
  }
  return floors.map((n, i) => (roundedUp.has(i) ? n + 1 : n));
}

/** A minute of opening time on a day, as a timestamp with random seconds. */
function openingTime(rng: Rng, dayStart: number): number {
  let minute = rng.next() * OPEN_MINUTES;
  for (const [a, b] of OPENING_SPANS) {
    if (minute < b - a) return dayStart + (a + minute) * MINUTE;
    minute -= b - a;
  }
  return dayStart + FIRST_OPENING;
}

function between(rng: Rng, minHours: number, maxHours: number): number {
  return (minHours + rng.next() * (maxHours - minHours)) * HOUR;
}

/** The acts of one case from acceptance on, with plausible gaps between them. */
function planActs(rng: Rng, subtype: CatalogSubtype, acceptedAt: number, outcome: PlannedCase['outcome']): PlannedAct[] {
  const acts: PlannedAct[] = [];
  const chain = subtype.approvalChain;
  let t = acceptedAt;
  const push = (act: PlannedActName, status: CaseStatus, chainStep: number, extra: Partial<PlannedAct> = {}) =>
    acts.push({ act, at: new Date(t), status, chainStep, ...extra });

  const required = subtype.materials.filter((m) => m.required);
  for (const material of required) {
    for (let page = 0; page < material.minPages; page++) {
      t += rng.int(20, 240) * 1000;
      push('capture', 'accepted', 0, { material: material.code });
    }
  }
  if (outcome === 'withdrawn') {
    t += between(rng, 0.1, 72);
    push('withdraw', 'withdrawn', 0);
    return acts;
  }
  t += between(rng, 0.05, 0.5);
  push('verify', 'verified', 0);
  t += between(rng, 0.02, 0.2);
  push('submit', 'submitted', 0);
  // A case that goes back once is returned at one level, verified again and resubmitted.
  let returnAt = outcome === 'stalled' || rng.chance(0.02) ? rng.int(0, chain.length - 1) : -1;
  for (let step = 0; step < chain.length; step++) {
    const level = chain[step];
    if (!level) throw new Error(`sub-type ${subtype.code} has no approval level at step ${step} of ${chain.length}`);
    t += between(rng, ...DECISION_HOURS[level]);
    if (step === returnAt) {
      push('return', 'returned', 0, { level });
      if (outcome === 'stalled') return acts;
      // The applicant brings a better copy of one page; the officer then verifies again.
      t += between(rng, 1, 72);
      const [firstRequired] = required;
      if (!firstRequired) throw new Error(`sub-type ${subtype.code} has no required material to capture again after a return`);
      push('capture', 'returned', 0, { material: firstRequired.code });
      t += between(rng, 0.02, 0.2);
      push('verify', 'verified', 0);
      t += between(rng, 0.02, 0.2);
      push('submit', 'submitted', 0);
      returnAt = -1;
      step = -1;
      continue;
    }
    const last = step === chain.length - 1;
    push(last ? 'approve' : 'review', last ? 'approved' : 'submitted', last ? step : step + 1, { level });
  }
  t += between(rng, 0.5, 72);
  push('complete', 'completed', chain.length - 1);
  return acts;
}

/** The synthetic cases in acceptance order. Lazy, so a million of them never sit in memory together. */
export function* syntheticCases(options: WorkloadOptions): Generator<PlannedCase> {
  const rng = new Rng(options.seed);
  const subtypes = options.catalog.categories.flatMap((c) => c.subtypes);
  const subtypePicker = new WeightedPicker(
    subtypes,
    subtypes.map((s) => annualCases(s.code)),
  );
  const stationPicker = new WeightedPicker(
    options.stations,
    options.stations.map((s) => STATION_WEIGHT[s.unitCode] ?? 10),
  );
  const days = workingDays(options.from, options.to);
  if (days.length === 0) throw new Error('the workload window holds no working day');
  const counts = casesPerDay(
    days.map((d) => d.weight),
    options.count,
  );
  let serial = 0;
  for (const [index, day] of days.entries()) {
    const count = counts[index];
    if (count === undefined) throw new Error(`no case count for working day ${index} of ${days.length}`);
    const times = Array.from({ length: count }, () => openingTime(rng, day.start)).sort((a, b) => a - b);
    for (const acceptedAt of times) {
      const subtype = subtypePicker.pick(rng);
      const station = stationPicker.pick(rng);
      const accepted = new Date(acceptedAt);
      const [minAge, maxAge] = AGE_BY_CATEGORY[subtype.code.slice(0, 2)] ?? [18, 70];
      const home = rng.chance(0.9) ? station.district : rng.pick(EZHOU_DISTRICTS);
      const person = applicant(rng, home, accepted, minAge, maxAge);
      const roll = rng.next();
      const outcome = roll < 0.03 ? 'withdrawn' : roll < 0.033 ? 'stalled' : 'completed';
      yield {
        serial: serial++,
        id: uuidFrom(rng),
        subtype,
        station,
        officer: rng.pick(station.officers),
        applicant: person,
        fields: fieldValues(subtype, rng, { acceptedAt: accepted, district: home, applicant: person }),
        acceptedAt: accepted,
        outcome,
        acts: planActs(rng, subtype, acceptedAt, outcome),
      };
    }
  }
}

/** The state of a planned case at a moment: the last act done by then decides it. */
export function stateAt(plan: PlannedCase, at: Date): { status: CaseStatus; chainStep: number; actsDone: PlannedAct[] } {
  const done = plan.acts.filter((a) => a.at <= at);
  const last = done[done.length - 1];
  return { status: last?.status ?? 'accepted', chainStep: last?.chainStep ?? 0, actsDone: done };
}
