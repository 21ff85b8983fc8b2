import type { Db } from '../server/db/database.ts';
import { CatalogRegistry } from '../server/modules/catalog/catalog-registry.ts';
import type { Catalog } from '../server/modules/catalog/catalog.schema.ts';
import { withBenchRig } from './bench-rig.ts';
import { type DecodeRate, sharpDecodeRate } from './ingest-decode.ts';
import type { HistoryArchive } from './ingest-history-files.ts';
import { type HistoryFigures, runHistoryImport } from './ingest-history.ts';
import type { IngestImages } from './ingest-images.ts';
import { readResident, RssSampler } from './ingest-memory.ts';
import { type StageCost, stageCosts } from './ingest-stages.ts';
import { openCases, uploadPages } from './ingest-uploads.ts';
import { type LatencySummary, summarize } from './latency.ts';
import type { BenchOptions, DatabaseKind } from './options.ts';
import { printTable, seconds } from './report.ts';
import { stationRoster, type StationStaff } from './staff-roster.ts';
import { syntheticCases } from './workload.ts';

export const INGEST_RATIO_TARGET = 0.7;
export const INGEST_PEAK_RSS_TARGET_MB = 512;

export interface IngestFigures {
  kind: DatabaseKind;
  clients: number;
  cases: number;
  pages: number;
  megabytes: number;
  seconds: number;
  pagesPerSecond: number;
  /** sharp alone, full decode of the same pages, before and after the uploads. */
  decodeBefore: DecodeRate;
  decodeAfter: DecodeRate;
  /** The faster of the two: the ratio is taken against it, so a slow moment of the machine does not flatter ours. */
  referencePerSecond: number;
  ratio: number;
  upload: LatencySummary;
  /** The server's own time per upload, from the request's arrival to the answer's last byte. */
  serverUpload: LatencySummary;
  /** Server CPU time over wall time during the uploads: 2.0 is both cores busy all the time. */
  serverCores: number;
  serverLoopBusy: number;
  /** Server CPU time per uploaded page (every thread), and the bench's CPU time per reference decode. */
  serverCpuMsPerPage: number;
  referenceCpuMsPerDecode: number;
  /** The pipeline's stages one page at a time in the bench process: where a page's CPU time goes. */
  stages: StageCost[];
  /** VmHWM of the server process at the end of the uploads (its peak RSS, from the kernel). */
  serverPeakRssMb: number;
  /** The highest RSS the section's own samples saw during the uploads, and the first (the server before them, after the warm-up). */
  sampledPeakRssMb: number;
  rssBeforeMb: number;
  /** The server's RSS before its first upload (started, cases accepted). */
  rssIdleMb: number;
  rssSamples: number;
  reusedPages: number;
  reuseFindings: number;
  pictures: number;
  /** From the database after the uploads: page rows of the section's cases, distinct originals behind them, pages with a perceptual hash. */
  stored: { pages: number; blobs: number; hashed: number };
  warnings: Record<string, number>;
  errors: number;
  errorSummary: string;
  history?: HistoryFigures;
  /** Why the section did not run cleanly: failed uploads, pages missing after the import. */
  problems: string[];
}

const MB = 1024 * 1024;
const UPLOAD_ROUTE = 'POST /api/cases/:id/images';

/** The historical files, written once per run on first use and imported on every database. */
export class HistorySource {
  private archive: Promise<HistoryArchive> | undefined;

  constructor(private readonly make: (catalog: Catalog, station: StationStaff) => Promise<HistoryArchive>) {}

  get(catalog: Catalog, station: StationStaff): Promise<HistoryArchive> {
    this.archive ??= this.make(catalog, station);
    return this.archive;
  }

  async dispose(): Promise<void> {
    const archive = await this.archive?.catch(() => undefined);
    archive?.dispose();
  }
}

/**
 * The capture pipeline's throughput and memory on one database, on a fresh scratch database with
 * the real server in its own process: camera pages uploaded over HTTP as fast as the server takes
 * them (`ingestClients` in flight), every stage of capture included (type check, full decode and
 * quality measures, perceptual hash, SHA-256 and SM3, the durable write of the original, preview and
 * thumbnail, the transaction), beside sharp's own full-decode rate of the same pages measured in the
 * same run; the server's RSS sampled throughout. Then `hukou import-history` of `historyPages`
 * pages, its RSS sampled from start to exit.
 */
export async function runIngestSection(
  kind: DatabaseKind,
  options: BenchOptions,
  images: IngestImages,
  history: HistorySource,
): Promise<IngestFigures> {
  return withBenchRig(kind, options, async ({ scratch, server, db, driver, catalog }) => {
    const stations = stationRoster();
    const now = new Date();
    const plans = syntheticCases({
      catalog,
      stations,
      seed: options.seed + 11,
      from: new Date(now.getTime() - 30 * 86_400_000),
      to: now,
      count: 1_000_000,
    });
    const { slots, cases } = await openCases(driver, plans, options.ingestWarmup + options.ingestPages);
    console.log(
      `[${kind}] ingest: ${cases} cases accepted for ${slots.length} pages; ${options.ingestWarmup} warm-up uploads, then ${options.ingestPages} timed, ` +
        `${options.ingestClients} in flight; pool: ${images.describe()}`,
    );
    const problems: string[] = [];
    const rssIdleMb = (readResident(server.pid)?.rssBytes ?? NaN) / MB;
    const warm = await uploadPages(driver, images, slots.slice(0, options.ingestWarmup), options.ingestClients);
    if (warm.errors.total > 0) problems.push(`warm-up: ${warm.errors.total} failed uploads (${warm.errors.summary()})`);

    const decodeBefore = await sharpDecodeRate(images, options.decodeSamples, options.ingestClients);
    console.log(`[${kind}] sharp alone, before: ${describeDecode(decodeBefore)}`);

    await server.usage();
    const sampler = new RssSampler(server.pid, options.memorySampleMs);
    const run = await uploadPages(driver, images, slots.slice(options.ingestWarmup), options.ingestClients);
    const usage = await server.usage();
    await sampler.stop();
    if (run.errors.total > 0) problems.push(`${run.errors.total} failed uploads (${run.errors.summary()})`);

    const stored = await storedPages(db, [...new Set(slots.map((s) => s.caseId))]);
    const uploaded = warm.pages + run.pages;
    if (stored.pages !== uploaded || stored.blobs !== uploaded)
      problems.push(`${uploaded} pages uploaded, but the database holds ${stored.pages} page rows with ${stored.blobs} distinct originals`);

    const decodeAfter = await sharpDecodeRate(images, options.decodeSamples, options.ingestClients);
    console.log(`[${kind}] sharp alone, after: ${describeDecode(decodeAfter)}`);
    const referencePerSecond = Math.max(decodeBefore.perSecond, decodeAfter.perSecond);
    const faster = decodeBefore.perSecond >= decodeAfter.perSecond ? decodeBefore : decodeAfter;
    const stages = await stageCosts(images, options.mode === 'smoke' ? 1 : 6);
    const pagesPerSecond = run.pages / run.seconds;

    const figures: IngestFigures = {
      kind,
      clients: options.ingestClients,
      cases,
      pages: run.pages,
      megabytes: run.bytes / 1e6,
      seconds: run.seconds,
      pagesPerSecond,
      decodeBefore,
      decodeAfter,
      referencePerSecond,
      ratio: pagesPerSecond / referencePerSecond,
      upload: summarize(run.latencies),
      serverUpload: summarize(usage.serverMs[UPLOAD_ROUTE] ?? []),
      serverCores: usage.cpuShare,
      serverLoopBusy: usage.elu,
      serverCpuMsPerPage: (usage.cpuShare * run.seconds * 1000) / run.pages,
      referenceCpuMsPerDecode: (faster.cpuCores * faster.seconds * 1000) / faster.decodes,
      stages,
      serverPeakRssMb: sampler.peakBytes / MB,
      sampledPeakRssMb: sampler.sampledPeakBytes / MB,
      rssIdleMb,
      rssBeforeMb: (sampler.samples[0]?.rssBytes ?? NaN) / MB,
      rssSamples: sampler.samples.length,
      reusedPages: run.reusedPages,
      reuseFindings: run.reuseFindings,
      pictures: images.pictures,
      stored,
      warnings: Object.fromEntries(run.warnings),
      errors: run.errors.total,
      errorSummary: [run.errors.summary(), ...run.errors.sampleLines()].join('\n'),
      problems,
    };
    printUploads(figures);

    if (options.historyPages > 0) {
      // The sub-types and materials of the catalog the import applies to old dates.
      const oldCatalog = (await CatalogRegistry.load(db.kysely)).current(new Date(Date.UTC(2010, 0, 1)));
      const station = stations[0]!;
      const archive = await history.get(oldCatalog, station);
      console.log(
        `\n[${kind}] historical import: ${archive.pages.toLocaleString('en-US')} pages in ${archive.files.toLocaleString('en-US')} files ` +
          `(${(archive.bytes / 1e6).toFixed(0)} MB, written in ${archive.generatedSeconds.toFixed(1)} s), officer ${station.officers[0]}`,
      );
      const h = await runHistoryImport({ kind, archive, scratch, db, officer: station.officers[0]!, sampleMs: options.memorySampleMs * 4 });
      figures.history = h;
      if (h.exitCode !== 0) problems.push(`import-history exited with code ${h.exitCode}: ${h.tail.slice(-3).join(' | ')}`);
      if (h.importedPages !== archive.pages || h.importedFiles !== archive.files)
        problems.push(
          `import-history imported ${h.importedFiles} files with ${h.importedPages} pages of ${archive.files} files with ${archive.pages} pages`,
        );
      printHistory(kind, h, options.mode !== 'smoke');
    }
    for (const problem of problems) console.error(`[${kind}] INGEST PROBLEM: ${problem}`);
    return figures;
  });
}

/** What the uploads left in the database: a page row each, each with its own original (no deduplication), and its perceptual hash. */
async function storedPages(db: Db, caseIds: string[]): Promise<IngestFigures['stored']> {
  const row = await db.kysely
    .selectFrom('case_images')
    .where('case_id', 'in', caseIds)
    .select((eb) => [eb.fn.countAll().as('pages'), eb.fn.count('blob_sha256').distinct().as('blobs'), eb.fn.count('phash').as('hashed')])
    .executeTakeFirstOrThrow();
  return { pages: Number(row.pages), blobs: Number(row.blobs), hashed: Number(row.hashed) };
}

function describeDecode(d: DecodeRate): string {
  return `${d.perSecond.toFixed(2)} full decodes/s (${d.decodes} in ${d.seconds.toFixed(1)} s, ${(d.cpuCores * 100).toFixed(0)}% of a core)`;
}

function printUploads(f: IngestFigures): void {
  printTable(
    `[${f.kind}] ingest: ${f.pages} camera pages (${f.megabytes.toFixed(0)} MB) into ${f.cases} cases, ${f.clients} uploads in flight`,
    ['figure', 'value'],
    [
      ['pages/s through the whole pipeline', f.pagesPerSecond],
      ['sharp alone, full decodes/s (before; after)', `${f.decodeBefore.perSecond.toFixed(2)}; ${f.decodeAfter.perSecond.toFixed(2)}`],
      [`ours / sharp (target >= ${INGEST_RATIO_TARGET})`, f.ratio.toFixed(2)],
      ['upload p50 / p99 ms, client', `${f.upload.p50.toFixed(0)} / ${f.upload.p99.toFixed(0)}`],
      ['upload p50 / p99 ms, inside the server', `${f.serverUpload.p50.toFixed(0)} / ${f.serverUpload.p99.toFixed(0)}`],
      ['server CPU, cores (of 2 = both busy)', f.serverCores],
      ['server event loop busy', `${(f.serverLoopBusy * 100).toFixed(0)}%`],
      [`server peak RSS MB, VmHWM (target < ${INGEST_PEAK_RSS_TARGET_MB})`, f.serverPeakRssMb],
      [
        `server RSS MB: before any upload; after the warm-up → highest of ${f.rssSamples} samples`,
        `${f.rssIdleMb.toFixed(0)}; ${f.rssBeforeMb.toFixed(0)} → ${f.sampledPeakRssMb.toFixed(0)}`,
      ],
      ['page rows / distinct originals / with a perceptual hash (warm-up included)', `${f.stored.pages} / ${f.stored.blobs} / ${f.stored.hashed}`],
      ['pages with a reuse finding (findings)', `${f.reusedPages} (${f.reuseFindings})`],
      [
        'quality warnings',
        Object.entries(f.warnings)
          .map(([code, n]) => `${code} ${n}`)
          .join(', ') || 'none',
      ],
      ['failed uploads', f.errors],
    ],
  );
  if (f.errors > 0) console.log(f.errorSummary);
  printTable(
    `[${f.kind}] where a page's time goes: the pipeline's stages one page at a time in the bench process (medians)`,
    ['stage', 'wall ms', 'CPU ms (all threads)'],
    [
      ...f.stages.map((s) => [s.stage, s.wallMs, s.cpuMs]),
      ['whole upload in the server (HTTP, multipart, stages, writes, transaction): CPU per page', '', f.serverCpuMsPerPage],
      ['reference decode during the rate measurement: CPU per decode', '', f.referenceCpuMsPerDecode],
    ],
  );
  console.log(
    `(a picture comes round again after ${f.pictures} uploads; each repeat is a reuse finding against the earlier uploads of it, ` +
      'an index lookup and a row more than a real window usually causes)',
  );
}

function printHistory(kind: string, h: HistoryFigures, judged: boolean): void {
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
  printTable(
    `[${kind}] historical import: ${h.pages.toLocaleString('en-US')} pages in ${h.files.toLocaleString('en-US')} files`,
    ['figure', 'value'],
    [
      ['pages imported (files)', `${h.importedPages.toLocaleString('en-US')} (${h.importedFiles.toLocaleString('en-US')})`],
      ['seconds (process start to exit)', h.seconds],
      ['pages/s', h.pagesPerSecond],
      ['peak RSS MB (VmHWM)', h.peakRssMb],
      ['RSS MB, median first quarter → last quarter', `${h.rss.firstQuartileMb.toFixed(1)} → ${h.rss.lastQuartileMb.toFixed(1)}`],
      [`growth MB (allowed ${h.rss.allowanceMb.toFixed(1)})`, sign(h.rss.growthMb)],
      ['RSS slope MB/hour (least squares, last three quarters)', sign(h.rss.slopeMbPerHour)],
      ['RSS samples', h.rss.samples],
      ['exit code', String(h.exitCode)],
    ],
  );
  const memory = judged ? (h.rss.flat ? 'flat' : 'GROWING') : 'not judged at smoke size (the first quarter is the process starting)';
  console.log(`[${kind}] import took ${seconds(h.seconds * 1000)}; memory ${memory}`);
}
