import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { capturePages } from '../server/modules/capture/commands/capture-pages.ts';
import { acceptCase } from '../server/modules/cases/commands/accept-case.ts';
import { reviewCase } from '../server/modules/cases/commands/review-case.ts';
import { submitCase } from '../server/modules/cases/commands/submit-case.ts';
import { verifyOriginals } from '../server/modules/cases/commands/verify-originals.ts';
import { demoFieldValues } from '../server/modules/demo/demo-values.ts';
import { Rng } from './prng.ts';
import type { SealsRig } from './seals-rig.ts';
import { applicant } from './synthetic-people.ts';

/** Where a prepared case stands: 核准 done (the station may still withdraw it), 呈报 done, or 审核 done (the city approves next). */
export type PreparedStage = 'verified' | 'submitted' | 'reviewed';

const PAGE = { width: 320, height: 440, cell: 8 };

/**
 * Cases taken through the real use cases to the stage a measurement starts from (untimed): 受理 with
 * a synthetic applicant of 古楼's district, 采集 of every required page, 核准, and on to 呈报 and 审核
 * as asked. Each page is a picture of its own (random grey blocks, 320 × 440, a few KB), so no page
 * looks like another person's and capture finds no reuse: the pages the acts load and sign over are
 * as a window's are, if smaller.
 */
export class CaseFactory {
  private readonly rng: Rng;
  private serial = 0;

  constructor(
    private readonly rig: SealsRig,
    seed: number,
  ) {
    this.rng = new Rng(seed);
  }

  private async page(): Promise<Buffer> {
    const cols = PAGE.width / PAGE.cell;
    const rows = PAGE.height / PAGE.cell;
    const layout = Buffer.alloc(cols * rows);
    for (let i = 0; i < layout.length; i++) layout[i] = this.rng.chance(0.3) ? this.rng.int(20, 90) : this.rng.int(200, 245);
    return sharp(layout, { raw: { width: cols, height: rows, channels: 1 } })
      .resize(PAGE.width, PAGE.height, { kernel: 'nearest' })
      .jpeg({ quality: 75 })
      .toBuffer();
  }

  /** One case at `stage`; returns its id. */
  async make(stage: PreparedStage): Promise<string> {
    const { ctx, actors, subtype } = this.rig;
    const serial = ++this.serial;
    const person = applicant(this.rng, '420704', ctx.now(), 18, 70);
    const kase = await acceptCase(
      ctx,
      actors.officer,
      { subtypeCode: subtype.code, applicant: person, fields: demoFieldValues(subtype, serial) },
      randomUUID(),
    );
    for (const material of subtype.materials.filter((m) => m.required)) {
      for (let p = 0; p < material.minPages; p++) {
        await capturePages(ctx, actors.officer, kase.id, { materialCode: material.code, bytes: await this.page() }, randomUUID());
      }
    }
    await verifyOriginals(ctx, actors.officer, kase.id, {}, randomUUID());
    if (stage === 'verified') return kase.id;
    await submitCase(ctx, actors.officer, kase.id, {}, randomUUID());
    if (stage === 'submitted') return kase.id;
    await reviewCase(ctx, actors.reviewer, kase.id, { comment: '同意，呈市局审批' }, randomUUID());
    return kase.id;
  }

  /**
   * `count` cases, a few in flight: a capture spends most of its time on fsyncs and on the blob
   * threads, so preparing cases side by side takes a fraction of the time of one after the other.
   */
  async makeMany(stage: PreparedStage, count: number, inFlight = 4): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        ids.push(await this.make(stage));
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
    return ids;
  }
}
