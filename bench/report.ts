/**
 * Console tables. Every figure stands beside the raw commit rate of the same database measured in
 * the same run: a rate as a fraction of commits/s, a latency as a multiple of one commit's duration.
 */
export type Cell = string | number;

function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return '-';
  if (Number.isInteger(cell)) return cell.toLocaleString('en-US');
  if (Math.abs(cell) >= 1000) return Math.round(cell).toLocaleString('en-US');
  if (Math.abs(cell) >= 100) return cell.toFixed(0);
  if (Math.abs(cell) >= 10) return cell.toFixed(1);
  return cell.toFixed(2);
}

// CJK characters take two columns in a terminal.
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

export function table(title: string, header: string[], rows: Cell[][]): string {
  const body = rows.map((r) => r.map(cellText));
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => width(r[i] ?? ''))));
  // A short row leaves its last columns blank; a cell past the header has no column to go in.
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const w = widths[i];
        if (w === undefined) throw new Error(`table "${title}": a row of ${r.length} cells under a header of ${header.length}`);
        return i === 0 ? c + ' '.repeat(w - width(c)) : ' '.repeat(w - width(c)) + c;
      })
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`\n${title}`, line(header), rule, ...body.map(line)].join('\n');
}

export function printTable(title: string, header: string[], rows: Cell[][]): void {
  console.log(table(title, header, rows));
}

/** A rate as a fraction of the commit rate: chains/s ÷ commits/s. */
export function rateRatio(rate: number, commitsPerSecond: number): string {
  return `${(rate / commitsPerSecond).toPrecision(2)}x`;
}

/** A latency in commit durations: p99 ms ÷ (1000 / commits/s) ms. */
export function latencyRatio(ms: number, commitsPerSecond: number): string {
  const commits = ms / (1000 / commitsPerSecond);
  return `${commits >= 100 ? Math.round(commits).toLocaleString('en-US') : commits.toPrecision(3)} commits`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
