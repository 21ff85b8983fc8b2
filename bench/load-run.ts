import { setTimeout as sleep } from 'node:timers/promises';
import { walkCase, type WalkResult } from './chain-walker.ts';
import { asError } from './as-error.ts';
import { ErrorLog } from './error-log.ts';
import type { HttpDriver } from './http-driver.ts';
import type { JpegPool } from './jpeg-pool.ts';
import { type ActRecorder, LatencyRecorder } from './latency.ts';
import { Rng } from './prng.ts';
import type { RunningServer, ServerUsage } from './server-handle.ts';
import type { PlannedCase } from './workload.ts';

export interface ClientsOptions {
  driver: HttpDriver;
  images: JpegPool;
  plans: Iterator<PlannedCase>;
  clients: number;
  /** Mean think time before each act, in seconds; 0 for a closed loop (next act as soon as the answer arrives). */
  thinkMeanSeconds: number;
  seed: number;
  recorder: ActRecorder;
  errors: ErrorLog;
  /** Clients stop at their next act once this returns true. */
  stopped: () => boolean;
  onChain?: (result: WalkResult) => void;
  onPage?: (sha256: string) => void;
}

const MAX_ERRORS = 500;

/**
 * N clients walking synthetic cases through their whole chains until `stopped()`. A failed act
 * ends its case (the client takes the next one) and is counted in `errors`; past MAX_ERRORS the
 * run is abandoned with an error, since the figures would then describe a broken server.
 */
export async function driveClients(options: ClientsOptions): Promise<void> {
  let abandoned = false;
  const client = async (index: number) => {
    const rng = new Rng(options.seed + index * 7919);
    const pause = options.thinkMeanSeconds > 0 ? () => sleep(rng.exponential(options.thinkMeanSeconds * 1000)) : undefined;
    const stopped = () => abandoned || options.stopped();
    while (!stopped()) {
      const next = options.plans.next();
      if (next.done) break;
      try {
        const result = await walkCase(next.value, {
          driver: options.driver,
          images: options.images,
          latencies: options.recorder,
          pause,
          stopped,
          onPage: options.onPage,
        });
        options.onChain?.(result);
      } catch (error) {
        options.errors.record(error);
        if (options.errors.total > MAX_ERRORS) {
          abandoned = true;
          throw new Error(`more than ${MAX_ERRORS} failed requests; ${options.errors.summary()}\n${options.errors.sampleLines().join('\n')}`);
        }
      }
    }
  };
  // Every client runs to its end even when one gives up, so nothing is left in flight behind the caller.
  const outcomes = await Promise.allSettled(Array.from({ length: options.clients }, (_, i) => client(i)));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface LoadRunOptions {
  server: RunningServer;
  driver: HttpDriver;
  images: JpegPool;
  plans: Iterator<PlannedCase>;
  clients: number;
  warmupMs: number;
  measureMs: number;
  thinkMeanSeconds: number;
  seed: number;
  onPage?: (sha256: string) => void;
}

export interface LoadRunResult {
  clients: number;
  thinkMeanSeconds: number;
  windowSeconds: number;
  chainsCompleted: number;
  chainsPerSecond: number;
  actsPerSecond: number;
  latencies: LatencyRecorder;
  errors: ErrorLog;
  usage: ServerUsage;
}

/**
 * A measured load: only the window after the warm-up counts, chains that complete in it and every
 * act answered in it. At the end clients stop at their next act; the answers still in flight are
 * not counted.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  const latencies = new LatencyRecorder();
  latencies.recording = false;
  const errors = new ErrorLog();
  let stop = false;
  let chainsCompleted = 0;
  const hardDeadline = performance.now() + options.warmupMs + options.measureMs;

  // Settled into a value so that a failing client cannot become an unhandled rejection mid-run.
  const running = driveClients({
    driver: options.driver,
    images: options.images,
    plans: options.plans,
    clients: options.clients,
    thinkMeanSeconds: options.thinkMeanSeconds,
    seed: options.seed,
    recorder: latencies,
    errors,
    onPage: options.onPage,
    // Bounded twice: by the stop flag and by the clock, whatever happens to the flag.
    stopped: () => stop || performance.now() > hardDeadline,
    onChain: (result) => {
      if (result === 'completed' && latencies.recording) chainsCompleted++;
    },
  }).then(
    () => null,
    (error: unknown) => asError(error),
  );
  await sleep(options.warmupMs);
  await options.server.usage();
  latencies.recording = true;
  const started = performance.now();
  await sleep(options.measureMs);
  latencies.recording = false;
  const windowSeconds = (performance.now() - started) / 1000;
  const usage = await options.server.usage();
  stop = true;
  const failure = await running;
  if (failure) throw failure;
  return {
    clients: options.clients,
    thinkMeanSeconds: options.thinkMeanSeconds,
    windowSeconds,
    chainsCompleted,
    chainsPerSecond: chainsCompleted / windowSeconds,
    actsPerSecond: latencies.count() / windowSeconds,
    latencies,
    errors,
    usage,
  };
}
