import type { SoakFigures } from './soak-section.ts';

function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function signed(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)}` : '-';
}

function bucketName(s: SoakFigures | undefined): string {
  const width = Math.round(s?.buckets[0]?.seconds ?? 60);
  return width === 60 ? 'minute' : `${width} s`;
}

/** The soak's figures as the Markdown of the soak section in docs/PERFORMANCE.md. */
export function soakMarkdown(soaks: SoakFigures[]): string {
  const header = ['figure', ...soaks.map((s) => s.kind)];
  const row = (label: string, value: (s: SoakFigures) => string) => `| ${label} | ${soaks.map(value).join(' | ')} |`;
  const lines = [
    `| ${header.join(' | ')} |`,
    `|---|${soaks.map(() => '---:').join('|')}|`,
    row('minutes, clients', (s) => `${fmt(s.minutes)}, ${s.clients}`),
    row('acts (acts/s)', (s) => `${s.acts.count.toLocaleString('en-US')} (${fmt(s.acts.count / (s.minutes * 60))})`),
    row('errors (target 0)', (s) => String(s.errors)),
    row('act p50 / p99 ms, whole run', (s) => `${fmt(s.acts.p50)} / ${fmt(s.acts.p99)}`),
    row('act p99 ms, middle third → last third', (s) => `${fmt(s.p99MiddleThird)} → ${fmt(s.p99LastThird)}`),
    row(`worst ${bucketName(soaks[0])} p99 ms`, (s) => fmt(Math.max(...s.buckets.filter((b) => b.acts > 0).map((b) => b.client.p99)))),
    row('RSS MB, median middle third → last third', (s) => `${fmt(s.rss.middleMedianMb)} → ${fmt(s.rss.lastMedianMb)}`),
    row('RSS slope MB/hour (thirds; least squares)', (s) => `${signed(s.rss.slopeMbPerHour)}; ${signed(s.rss.fitMbPerHour)}`),
    row('V8 heap used MB, median middle third → last third', (s) => `${fmt(s.heap.middleMedianMb)} → ${fmt(s.heap.lastMedianMb)}`),
    row('heap slope MB/hour (thirds; least squares)', (s) => `${signed(s.heap.slopeMbPerHour)}; ${signed(s.heap.fitMbPerHour)}`),
    row('verdict', (s) => (s.passed ? 'pass' : '**fail**')),
  ];
  const perBucket = soaks.map((s) => `- ${s.kind}, act p99 ms per ${bucketName(s)}: ` + s.buckets.map((b) => fmt(b.client.p99, 0)).join(', '));
  return [...lines, '', ...perBucket].join('\n');
}
