import type { LatencySummary } from './latency.ts';
import type { DatabaseKind } from './options.ts';
import { printTable } from './report.ts';
import type { DecisionFigures } from './seals-decisions.ts';
import type { NoticeFigures } from './seals-notices.ts';
import type { TrailFigures } from './seals-trail.ts';

/** One database's figures of the seals section; a part that failed is missing and named in `problems`. */
export interface SealsFigures {
  kind: DatabaseKind;
  decisions?: DecisionFigures;
  notices?: NoticeFigures;
  trail?: TrailFigures;
  problems: string[];
}

type Row = [label: string, value: string];

function num(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Operations per second one at a time: the inverse of the mean duration. */
const perSecond = (s: LatencySummary) => 1000 / s.mean;
const p50p99 = (s: LatencySummary) => `${num(s.p50)} / ${num(s.p99)}`;
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const seconds = (ms: number) => `${num(ms / 1000)} s`;

function decisionRows(d: DecisionFigures): Row[] {
  return [
    ['审核 review, signed: decisions/s (one at a time)', num(perSecond(d.review))],
    ['撤回 withdraw, same runner, not signed: acts/s', num(perSecond(d.withdraw))],
    ['review rate ÷ withdraw rate', `${(perSecond(d.review) / perSecond(d.withdraw)).toFixed(2)}x`],
    ['review p50 / p99 ms', p50p99(d.review)],
    ['withdraw p50 / p99 ms', p50p99(d.withdraw)],
    ['signing step with its reads: signatures/s', num(perSecond(d.signingWithReads))],
    ['signing step with its reads p50 / p99 ms', p50p99(d.signingWithReads)],
    ['signing alone (canonical JSON + SM3 + SES_Signature): /s', num(perSecond(d.signingAlone))],
    ['signing step share of a review (mean ms ÷ mean ms)', percent(d.signingWithReads.mean, d.review.mean)],
    ['review − withdraw, mean ms', num(d.review.mean - d.withdraw.mean)],
    ['timed decisions per act; signed content bytes (pages)', `${d.count}; ${d.contentBytes.toLocaleString('en-US')} (${d.pages})`],
  ];
}

function noticeRows(n: NoticeFigures, d: DecisionFigures | undefined): Row[] {
  const steps = n.render.mean + n.pades.mean + n.ses.mean;
  return [
    ['审批 approve with its notice: approvals/s (one at a time)', num(perSecond(n.approvals))],
    ['approve p50 / p99 ms', p50p99(n.approvals)],
    ...(d ? ([['approval rate ÷ review rate (notice vs none)', `${(perSecond(n.approvals) / perSecond(d.review)).toFixed(2)}x`]] as Row[]) : []),
    ['notice PDF rendered: /s (p50 ms)', `${num(perSecond(n.render))} (${num(n.render.p50)})`],
    ['PAdES signature (RSA-2048, @signpdf): /s (p50 ms)', `${num(perSecond(n.pades))} (${num(n.pades.p50)})`],
    ['SES_Signature over the PDF (SM3 + SM2): /s (p50 ms)', `${num(perSecond(n.ses))} (${num(n.ses.p50)})`],
    ['the three steps, share of an approval (mean ms)', `${num(steps)} of ${num(n.approvals.mean)}: ${percent(steps, n.approvals.mean)}`],
    ['timed approvals; notice PDF KB (pages)', `${n.approvals.count}; ${num(n.pdfBytes / 1024)} (${n.pdfPages})`],
  ];
}

function trailRows(t: TrailFigures): Row[] {
  return [
    ['audit events in the trail (bulk-loaded)', `${t.events.toLocaleString('en-US')} (${t.loaded.toLocaleString('en-US')})`],
    ['bulk load rows/s (with SM3 chain links); mean detail bytes', `${num(t.loaded / t.loadSeconds)}; ${Math.round(t.meanDetailBytes)}`],
    ['first checkpoint over the whole trail', seconds(t.firstCheckpointMs)],
    [`checkpoint after ${t.incrementEvents.toLocaleString('en-US')} more events`, `${num(t.incrementalCheckpointMs)} ms`],
    [`storing the proofs' tiles (${t.tiles.toLocaleString('en-US')} of 256 events), once`, seconds(t.tileStoreMs)],
    ['inclusion proof of one event (the middle one), from the tiles', `${num(t.inclusionProofMs)} ms`],
    ['consistency proof between the two checkpoints, from the tiles', `${num(t.consistencyProofMs)} ms`],
    ['for comparison: read every chain hash + leaf hashes', seconds(t.readLeavesMs)],
    ['for comparison: the whole tree in memory (read + build), as proofs did before tiles', seconds(t.buildTreeMs)],
    ['  memory the whole tree holds (heap + buffers), MB', num(t.treeMb)],
    ['hukou verify: checkpoint check (verifyCheckpoints)', seconds(t.verifyCheckpointsMs)],
    ['hukou verify: the rest (chain walk, cases, blobs)', seconds(t.verifyArchiveMs)],
  ];
}

function rowsOf(f: SealsFigures): Row[] {
  return [
    ...(f.decisions ? decisionRows(f.decisions) : []),
    ...(f.notices ? noticeRows(f.notices, f.decisions) : []),
    ...(f.trail ? trailRows(f.trail) : []),
  ];
}

export function printSealsFigures(f: SealsFigures): void {
  printTable(`Seals, notices and checkpoints: ${f.kind}`, ['figure', f.kind], rowsOf(f));
}

/** A markdown table with a column per database, for docs/PERFORMANCE.md. */
export function sealsMarkdown(all: readonly SealsFigures[]): string {
  const columns = all.map(rowsOf);
  const labels = [...new Set(columns.flatMap((rows) => rows.map(([label]) => label)))];
  const lines = [`| figure | ${all.map((f) => f.kind).join(' | ')} |`, `|---|${all.map(() => '---:').join('|')}|`];
  for (const label of labels) {
    const cells = columns.map((rows) => rows.find(([l]) => l === label)?.[1] ?? '');
    lines.push(`| ${label.trim()} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
