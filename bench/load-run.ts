import { setTimeout as sleep } from 'node:timers/promises';
import { walkCase } from './chain-walker.ts';
import { HttpFailure, type HttpDriver } from './http-driver.ts';
import type { JpegPool } from './jpeg-pool.ts';
import { LatencyRecorder } from './latency.ts';
import { Rng } from './prng.ts';
import type { RunningServer, ServerUsage } from './server-handle.ts';
import type { PlannedCase } from './workload.ts';

export interface LoadRunOptions {
  server: RunningServer;
  driver: HttpDriver;
  images: JpegPool;
  plans: Iterator<PlannedCase>;
  clients: number;
  warmupMs: number;
  measureMs: number;
  /** Mean think time before each act, in seconds; 0 for a closed loop (next act as soon as the answer arrives). */
  thinkMeanSeconds: number;
  seed: number;
}

export interface LoadRunResult {
  clients: number;
  thinkMeanSeconds: number;
  windowSeconds: number;
  chainsCompleted: number;
  chainsPerSecond: number;
  actsPerSecond: number;
  latencies: LatencyRecorder;
  errors: Map<string, number>;
  usage: ServerUsage;
}

const MAX_ERRORS = 500;

/**
 * N clients walking synthetic cases through their whole chains. Only the window after the warm-up
 * counts: chains that complete in it, and every act answered in it. At the end clients stop at their
 * next act; the answers still in flight are not counted.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  const latencies = new LatencyRecorder();
  latencies.recording = false;
  const errors = new Map<string, number>();
  let stop = false;
  let chainsCompleted = 0;
  const hardDeadline = performance.now() + options.warmupMs + options.measureMs;

  const client = async (index: number) => {
    const rng = new Rng(options.seed + index * 7919);
    const pause = options.thinkMeanSeconds > 0 ? () => sleep(rng.exponential(options.thinkMeanSeconds * 1000)) : undefined;
    // Bounded twice: by the stop flag and by the clock, whatever happens to the flag.
    const stopped = () => stop || performance.now() > hardDeadline;
    while (!stopped()) {
      const next = options.plans.next();
      if (next.done) break;
      try {
        const result = await walkCase(next.value, { driver: options.driver, images: options.images, latencies, pause, stopped });
        if (result === 'completed' && latencies.recording) chainsCompleted++;
      } catch (error) {
        const code = error instanceof HttpFailure ? `${error.status} ${error.code}` : (error as Error).name;
        errors.set(code, (errors.get(code) ?? 0) + 1);
        if ([...errors.values()].reduce((a, b) => a + b, 0) > MAX_ERRORS) {
          stop = true;
          throw new Error(`more than ${MAX_ERRORS} failed requests; first kinds: ${[...errors.keys()].join(', ')}`);
        }
      }
    }
  };

  // Settled into a value so that a failing client cannot become an unhandled rejection mid-run.
  const running = Promise.all(Array.from({ length: options.clients }, (_, i) => client(i))).then(() => null, (error: unknown) => error);
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
