import { type HttpDriver, pageUpload } from './http-driver.ts';
import type { JpegPool } from './jpeg-pool.ts';
import type { ActRecorder } from './latency.ts';
import type { PlannedAct, PlannedCase } from './workload.ts';

export interface WalkOptions {
  driver: HttpDriver;
  images: JpegPool;
  latencies: ActRecorder;
  /** Told the SHA-256 of every page the server stored (the page sweeper deletes the files later). */
  onPage?: (sha256: string) => void;
  /** Called before each act: the think-time load waits here, the closed loop does not. */
  pause?: () => Promise<void>;
  /** Stop issuing acts once this returns true (end of the measuring window). */
  stopped: () => boolean;
}

interface CaseImages {
  images?: { sha256: string }[];
}

export type WalkResult = 'completed' | 'withdrawn' | 'stalled' | 'stopped';

/** Who performs an act: deciding acts belong to the level's decider, everything else to the accepting window. */
function actorOf(plan: PlannedCase, act: PlannedAct): string {
  return act.level ? plan.station.deciders[act.level] : plan.officer;
}

function path(caseId: string, act: PlannedAct): string {
  return act.act === 'capture' ? `/api/cases/${caseId}/images` : `/api/cases/${caseId}/${act.act}`;
}

function body(act: PlannedAct): unknown {
  if (act.act === 'return') return { reason: '材料照片不清晰，请重新采集' };
  if (act.act === 'withdraw') return { reason: '申请人放弃办理' };
  return act.level ? { comment: '同意' } : {};
}

/**
 * Walks one planned case through the real API, from acceptance to its planned end, recording the
 * latency of each act under its name. An error is thrown to the caller, which counts it.
 */
export async function walkCase(plan: PlannedCase, options: WalkOptions): Promise<WalkResult> {
  const { driver, latencies } = options;
  if (options.stopped()) return 'stopped';
  await options.pause?.();
  const officerToken = await driver.token(plan.officer);
  const accepted = await driver.send<{ id: string }>('POST', '/api/cases', {
    token: officerToken,
    idempotent: true,
    json: { subtypeCode: plan.subtype.code, applicant: plan.applicant, fields: plan.fields },
  });
  latencies.record('accept', accepted.ms);
  const caseId = accepted.body.id;
  const pagesSeen = new Set<string>();
  for (const act of plan.acts) {
    if (options.stopped()) return 'stopped';
    await options.pause?.();
    const token = await driver.token(actorOf(plan, act));
    if (act.act === 'capture') {
      const res = await driver.send<CaseImages>('POST', path(caseId, act), {
        token,
        idempotent: true,
        multipart: pageUpload(act.material!, options.images.take()),
      });
      latencies.record(act.act, res.ms);
      // The answer is the case with all its pages: the new one is the one not seen before.
      for (const image of res.body?.images ?? []) {
        if (!pagesSeen.has(image.sha256)) options.onPage?.(image.sha256);
        pagesSeen.add(image.sha256);
      }
    } else {
      const res = await driver.send('POST', path(caseId, act), { token, idempotent: true, json: body(act) });
      latencies.record(act.act, res.ms);
    }
  }
  return plan.outcome;
}
