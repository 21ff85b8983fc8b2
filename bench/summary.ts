import type { DatabaseFigures } from './database-section.ts';
import { INGEST_PEAK_RSS_TARGET_MB, INGEST_RATIO_TARGET, type IngestFigures } from './ingest-section.ts';
import type { LoadRunResult } from './load-run.ts';
import { type Cell, latencyRatio, printTable, rateRatio } from './report.ts';
import { QUERY_KINDS } from './search-queries.ts';
import { ACT_LABELS } from './workflow-section.ts';

export const ACT_P99_TARGET_MS = 25;
export const SEARCH_P99_TARGET_MS = 50;

type Figure = { label: string; value: (d: DatabaseFigures) => number; unit: 'rate' | 'ms' | 'count'; commit: 'workflow' | 'search' | 'none' };

/** A database's closed-loop run at one concurrency level: every database runs the same levels (--chain-concurrency). */
function closedRun(d: DatabaseFigures, index: number): LoadRunResult {
  const run = d.workflow.closed[index];
  if (!run) throw new Error(`[${d.kind}] ran ${d.workflow.closed.length} closed-loop levels; the summary asks for level ${index + 1}`);
  return run;
}

function figures(results: DatabaseFigures[]): Figure[] {
  const closedLevels = results[0]?.workflow.closed.map((r) => r.clients) ?? [];
  const last = closedLevels.length - 1;
  const lastClients = closedLevels[last];
  // The workflow section fails without a closed-loop run, so a database with figures has at least one.
  if (lastClients === undefined) throw new Error('no closed-loop run to summarise');
  const list: Figure[] = [
    { label: 'raw commit rate, commits/s (fresh db)', value: (d) => d.workflow.commit.commitsPerSecond, unit: 'rate', commit: 'workflow' },
    { label: 'HTTP floor p99 ms (GET /api/health)', value: (d) => d.workflow.httpFloor.p99, unit: 'ms', commit: 'workflow' },
  ];
  closedLevels.forEach((clients, i) =>
    list.push({
      label: `full chains/s, closed loop, ${clients} clients`,
      value: (d) => closedRun(d, i).chainsPerSecond,
      unit: 'rate',
      commit: 'workflow',
    }),
  );
  list.push(
    { label: `acts/s, closed loop, ${lastClients} clients`, value: (d) => closedRun(d, last).actsPerSecond, unit: 'rate', commit: 'workflow' },
    {
      label: `act p50 ms, closed loop, ${lastClients} clients`,
      value: (d) => closedRun(d, last).latencies.pooled().p50,
      unit: 'ms',
      commit: 'workflow',
    },
    {
      label: `act p99 ms, closed loop, ${lastClients} clients`,
      value: (d) => closedRun(d, last).latencies.pooled().p99,
      unit: 'ms',
      commit: 'workflow',
    },
    { label: 'acts/s, think-time load', value: (d) => d.workflow.think.actsPerSecond, unit: 'rate', commit: 'workflow' },
    { label: 'act p50 ms, think-time load', value: (d) => d.workflow.think.latencies.pooled().p50, unit: 'ms', commit: 'workflow' },
    { label: 'act p99 ms, think-time load (target < 25)', value: (d) => d.workflow.think.latencies.pooled().p99, unit: 'ms', commit: 'workflow' },
    {
      label: 'act p99 ms, think-time load, all acts but capture',
      value: (d) => d.workflow.think.latencies.pooled(ACT_LABELS.filter((a) => a !== 'capture')).p99,
      unit: 'ms',
      commit: 'workflow',
    },
  );
  for (const act of ACT_LABELS) {
    if (results.some((d) => d.workflow.think.latencies.count(act) > 0)) {
      list.push({
        label: `  ${act} p99 ms, think-time load`,
        value: (d) => d.workflow.think.latencies.summary(act).p99,
        unit: 'ms',
        commit: 'workflow',
      });
    }
  }
  list.push(
    { label: 'bulk load rows/s (incl. generating them)', value: (d) => d.search.load.rows / d.search.load.seconds, unit: 'rate', commit: 'search' },
    { label: 'bulk load rows/s inside the driver', value: (d) => d.search.load.rows / d.search.load.dbSeconds, unit: 'rate', commit: 'search' },
    { label: 'cases in the searched database', value: (d) => d.search.casesInDatabase, unit: 'count', commit: 'none' },
    { label: 'raw commit rate, commits/s (loaded db)', value: (d) => d.search.commit.commitsPerSecond, unit: 'rate', commit: 'search' },
    { label: 'search p50 ms, one at a time', value: (d) => d.search.sequential.latencies.pooled([...QUERY_KINDS]).p50, unit: 'ms', commit: 'search' },
    {
      label: 'search p99 ms, one at a time (target < 50)',
      value: (d) => d.search.sequential.latencies.pooled([...QUERY_KINDS]).p99,
      unit: 'ms',
      commit: 'search',
    },
  );
  for (const kind of QUERY_KINDS)
    list.push({ label: `  ${kind} p99 ms`, value: (d) => d.search.sequential.latencies.summary(kind).p99, unit: 'ms', commit: 'search' });
  list.push(
    { label: 'searches/s, concurrent clients', value: (d) => d.search.concurrent.searchesPerSecond, unit: 'rate', commit: 'search' },
    { label: 'search p99 ms, concurrent clients', value: (d) => d.search.concurrent.latencies.summary('all').p99, unit: 'ms', commit: 'search' },
    { label: 'warning sweep, cases/s (whole archive)', value: (d) => d.sweep.cases / (d.sweep.sweepMs / 1000), unit: 'rate', commit: 'none' },
    {
      label: 'warning sweep again, all already warned, cases/s',
      value: (d) => d.sweep.cases / (d.sweep.resweepMs / 1000),
      unit: 'rate',
      commit: 'none',
    },
    { label: 'plain scan of cases, cases/s (same run)', value: (d) => d.sweep.cases / (d.sweep.scanMs / 1000), unit: 'rate', commit: 'none' },
    { label: 'act evaluation p99 ms, submit (预警)', value: (d) => d.sweep.evaluation.submit.p99, unit: 'ms', commit: 'none' },
    { label: 'act evaluation p99 ms, late approval (预警)', value: (d) => d.sweep.evaluation.approveLate.p99, unit: 'ms', commit: 'none' },
  );
  return list;
}

function ratio(figure: Figure, d: DatabaseFigures): string {
  if (figure.commit === 'none') return '';
  const commits = figure.commit === 'workflow' ? d.workflow.commit.commitsPerSecond : d.search.commit.commitsPerSecond;
  return figure.unit === 'ms' ? latencyRatio(figure.value(d), commits) : rateRatio(figure.value(d), commits);
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export interface TargetVerdict {
  target: string;
  kind: string;
  value: number;
  met: boolean;
}

export function verdicts(results: DatabaseFigures[]): TargetVerdict[] {
  return results.flatMap((d) => [
    {
      target: `workflow act p99 < ${ACT_P99_TARGET_MS} ms, ${d.workflow.think.clients} clients (think-time load)`,
      kind: d.kind,
      value: d.workflow.think.latencies.pooled().p99,
      met: d.workflow.think.latencies.pooled().p99 < ACT_P99_TARGET_MS,
    },
    {
      target: `search p99 < ${SEARCH_P99_TARGET_MS} ms at ${d.search.casesInDatabase.toLocaleString('en-US')} cases${d.kind === 'sqlite' ? '' : ' (target is for SQLite)'}`,
      kind: d.kind,
      value: d.search.sequential.latencies.pooled([...QUERY_KINDS]).p99,
      met: d.search.sequential.latencies.pooled([...QUERY_KINDS]).p99 < SEARCH_P99_TARGET_MS,
    },
  ]);
}

/** The whole run in one table (console) and the same as Markdown for docs/PERFORMANCE.md. */
export function printSummary(results: DatabaseFigures[]): string {
  const list = figures(results);
  const header = ['figure', ...results.flatMap((d) => [d.kind, `${d.kind} ratio`])];
  const rows: Cell[][] = list.map((f) => [f.label, ...results.flatMap((d) => [fmt(f.value(d)), ratio(f, d)])]);
  printTable("SUMMARY (ratio: a rate ÷ the commit rate; a latency ÷ one commit's duration)", header, rows);
  const checks = verdicts(results);
  printTable(
    'TARGETS',
    ['target', 'database', 'measured ms', 'met'],
    checks.map((v) => [v.target, v.kind, v.value, v.met ? 'yes' : 'NO']),
  );
  const md = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    '| target | database | measured ms | met |',
    '|---|---|---:|---|',
    ...checks.map((v) => `| ${v.target} | ${v.kind} | ${fmt(v.value)} | ${v.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  return md;
}

export function ingestVerdicts(figures: IngestFigures[]): TargetVerdict[] {
  return figures.flatMap((f) => [
    {
      target: `capture pipeline >= ${INGEST_RATIO_TARGET} x sharp's full-decode rate, ${f.clients} in flight (ours / sharp)`,
      kind: f.kind,
      value: f.ratio,
      met: f.ratio >= INGEST_RATIO_TARGET,
    },
    {
      target: `server peak RSS < ${INGEST_PEAK_RSS_TARGET_MB} MB while ingesting (VmHWM, MB)`,
      kind: f.kind,
      value: f.serverPeakRssMb,
      met: f.serverPeakRssMb < INGEST_PEAK_RSS_TARGET_MB,
    },
    ...(f.history
      ? [
          {
            target: `import of ${f.history.pages.toLocaleString('en-US')} pages: no memory growth (RSS last quarter - first quarter, MB, allowed ${f.history.rss.allowanceMb.toFixed(0)})`,
            kind: f.kind,
            value: f.history.rss.growthMb,
            met: f.history.rss.flat && f.history.importedPages === f.history.pages,
          },
        ]
      : []),
  ]);
}

/**
 * The ingest section of every database in one table (console) and as Markdown for docs/PERFORMANCE.md.
 * `judged` is false at smoke size: a few pages and seconds say nothing about rates or memory growth.
 */
export function printIngestSummary(figures: IngestFigures[], judged: boolean): string {
  const rows: Cell[][] = [];
  const row = (label: string, value: (f: IngestFigures) => string) => rows.push([label, ...figures.map(value)]);
  const signed = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${n.toFixed(1)}` : '-');
  row('camera pages uploaded (in flight)', (f) => `${f.pages.toLocaleString('en-US')} (${f.clients})`);
  row('pages/s through the whole pipeline', (f) => fmt(f.pagesPerSecond));
  row('sharp alone, full decodes/s (before; after)', (f) => `${fmt(f.decodeBefore.perSecond)}; ${fmt(f.decodeAfter.perSecond)}`);
  row(`ours / sharp (target >= ${INGEST_RATIO_TARGET})`, (f) => f.ratio.toFixed(2));
  row('server CPU during the uploads, cores', (f) => fmt(f.serverCores));
  row('upload p50 / p99 ms, inside the server', (f) => `${fmt(f.serverUpload.p50)} / ${fmt(f.serverUpload.p99)}`);
  row(`server peak RSS MB, VmHWM (target < ${INGEST_PEAK_RSS_TARGET_MB})`, (f) => fmt(f.serverPeakRssMb));
  row('pages with a reuse finding (findings)', (f) => `${f.reusedPages} (${f.reuseFindings})`);
  if (figures.some((f) => f.history)) {
    row('import: pages imported (files)', (f) =>
      f.history ? `${f.history.importedPages.toLocaleString('en-US')} (${f.history.importedFiles.toLocaleString('en-US')})` : '-',
    );
    row('import: pages/s', (f) => (f.history ? fmt(f.history.pagesPerSecond) : '-'));
    row('import: peak RSS MB (VmHWM)', (f) => (f.history ? fmt(f.history.peakRssMb) : '-'));
    row('import: RSS MB, median first → last quarter', (f) =>
      f.history ? `${fmt(f.history.rss.firstQuartileMb)} → ${fmt(f.history.rss.lastQuartileMb)}` : '-',
    );
    row('import: RSS slope MB/hour (least squares, last 3/4)', (f) => (f.history ? signed(f.history.rss.slopeMbPerHour) : '-'));
  }
  const header = ['figure', ...figures.map((f) => f.kind)];
  printTable('INGEST', header, rows);
  const checks = ingestVerdicts(figures);
  printTable(
    'INGEST TARGETS',
    ['target', 'database', 'measured', 'met'],
    checks.map((v) => [v.target, v.kind, v.value, judged ? (v.met ? 'yes' : 'NO') : 'not judged (smoke)']),
  );
  return [
    `| ${header.join(' | ')} |`,
    `|---|${figures.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    '| target | database | measured | met |',
    '|---|---|---:|---|',
    ...checks.map((v) => `| ${v.target} | ${v.kind} | ${fmt(v.value)} | ${judged ? (v.met ? 'yes' : '**no**') : 'not judged'} |`),
  ].join('\n');
}
