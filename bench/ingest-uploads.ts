import { ErrorLog } from './error-log.ts';
import { type HttpDriver, pageUpload } from './http-driver.ts';
import type { IngestImages } from './ingest-images.ts';
import type { PlannedCase } from './workload.ts';

/** One page to upload: into which case, by whom, under which material. */
export interface UploadSlot {
  caseId: string;
  officer: string;
  material: string;
}

interface CapturedView {
  images: { materialCode: string; pageNo: number; qualityWarnings: { code: string }[]; reuse: unknown[] }[];
}

/**
 * Accepts cases over the API (untimed) until they hold `pages` upload slots: each case's required
 * materials at their minimum page counts, as the workload plans its captures. The slots are ordered
 * page by page across the cases, so that uploads in flight together go to different cases, as at a
 * city's windows; two uploads to one case would queue on the case's lock.
 */
export async function openCases(driver: HttpDriver, plans: Iterator<PlannedCase>, pages: number): Promise<{ slots: UploadSlot[]; cases: number }> {
  const perCase: UploadSlot[][] = [];
  let total = 0;
  while (total < pages) {
    const next = plans.next();
    if (next.done) throw new Error(`the workload ran out of cases after ${perCase.length}`);
    const plan = next.value;
    const materials = plan.acts.filter((a) => a.act === 'capture').map((a) => a.material!);
    if (materials.length === 0) continue;
    const token = await driver.token(plan.officer);
    const accepted = await driver.send<{ id: string }>('POST', '/api/cases', {
      token,
      idempotent: true,
      json: { subtypeCode: plan.subtype.code, applicant: plan.applicant, fields: plan.fields },
    });
    perCase.push(materials.map((material) => ({ caseId: accepted.body.id, officer: plan.officer, material })));
    total += materials.length;
  }
  const slots: UploadSlot[] = [];
  const deepest = Math.max(...perCase.map((c) => c.length));
  for (let page = 0; page < deepest; page++) {
    for (const c of perCase) {
      const slot = c[page];
      if (slot) slots.push(slot);
    }
  }
  return { slots: slots.slice(0, pages), cases: perCase.length };
}

export interface UploadRun {
  pages: number;
  seconds: number;
  /** Client-side latency of each successful upload, ms. */
  latencies: number[];
  /** Pages whose answer listed a reuse finding (the same picture uploaded earlier into another case). */
  reusedPages: number;
  reuseFindings: number;
  /** Pages the quality checks warned about, by warning code. */
  warnings: Map<string, number>;
  errors: ErrorLog;
  bytes: number;
}

/**
 * Uploads one page per slot with `inFlight` uploads at a time, each as a camera client sends it
 * (multipart, Idempotency-Key), and reads from the answer what the server found on the new page.
 */
export async function uploadPages(driver: HttpDriver, images: IngestImages, slots: readonly UploadSlot[], inFlight: number): Promise<UploadRun> {
  const run: UploadRun = {
    pages: 0,
    seconds: 0,
    latencies: [],
    reusedPages: 0,
    reuseFindings: 0,
    warnings: new Map(),
    errors: new ErrorLog(),
    bytes: 0,
  };
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (let slot = slots[next++]; slot; slot = slots[next++]) {
      const jpeg = images.take();
      try {
        const res = await driver.send<CapturedView>('POST', `/api/cases/${slot.caseId}/images`, {
          token: await driver.token(slot.officer),
          idempotent: true,
          multipart: pageUpload(slot.material, jpeg),
        });
        run.pages++;
        run.bytes += jpeg.length;
        run.latencies.push(res.ms);
        // No other upload to this case is in flight, so its newest page of the material is this one.
        const page = res.body.images.filter((i) => i.materialCode === slot.material).sort((a, b) => b.pageNo - a.pageNo)[0];
        if (!page) throw new Error(`the answer to an upload into case ${slot.caseId} lists no page of ${slot.material}`);
        if (page.reuse.length > 0) run.reusedPages++;
        run.reuseFindings += page.reuse.length;
        for (const w of page.qualityWarnings) run.warnings.set(w.code, (run.warnings.get(w.code) ?? 0) + 1);
      } catch (error) {
        run.errors.record(error);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, client));
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
