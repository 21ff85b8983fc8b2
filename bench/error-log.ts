import { HttpFailure, TransportFailure } from './http-driver.ts';

/** One failed request kept for the report, with the body the server sent. */
export interface ErrorSample {
  /** Milliseconds since the log was created. */
  atMs: number;
  kind: string;
  request: string;
  body: string;
}

const SAMPLES_KEPT = 5;

/**
 * What went wrong during a load. An error is every transport failure (no answer, reset, timeout)
 * and every non-2xx answer that is not an expected business refusal; each one ended its case's
 * chain. Expected refusals are the answers a correct server gives this workload by design, and
 * they are absorbed where they happen, never logged here: today only sign-in throttling (429 with
 * Retry-After), which the driver waits out and retries (HttpDriver.throttledSignIns counts them).
 * The planned chains are valid, so a 403, 404, 409 or 422 on an act is an error.
 */
export class ErrorLog {
  /** performance.now() at the start of the run; every time below is counted from it. */
  constructor(readonly started = performance.now()) {}

  readonly errors = new Map<string, number>();
  readonly samples: ErrorSample[] = [];
  /** When each error happened, in ms since the log was created (the soak counts them per minute). */
  readonly times: number[] = [];

  get total(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }

  /** Counts a failure thrown by the driver (or anything else a client threw); keeps the first few bodies. */
  record(error: unknown): void {
    const failure = error instanceof HttpFailure ? error : undefined;
    // Anything else a client threw is the bench's own fault, and counted too: it is not a clean run.
    const kind = failure
      ? `${failure.status} ${failure.code}`
      : error instanceof TransportFailure
        ? `transport ${error.code || 'error'}`
        : `bench ${(error as Error)?.name ?? 'error'}`;
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    this.times.push(performance.now() - this.started);
    if (this.samples.length < SAMPLES_KEPT) {
      this.samples.push({
        atMs: performance.now() - this.started,
        kind,
        request: failure?.request ?? (error instanceof TransportFailure ? error.request : ''),
        // The bench's own failures need their stack; a transport failure says all in its message.
        body: (failure ? failure.body : error instanceof TransportFailure ? error.message : String((error as Error)?.stack ?? error)).slice(0, 400),
      });
    }
  }

  summary(): string {
    return this.errors.size ? [...this.errors].map(([kind, n]) => `${n}x ${kind}`).join(', ') : 'none';
  }

  /** The first few error bodies, one per line, for the console. */
  sampleLines(): string[] {
    return this.samples.map(
      (s) => `  at ${(s.atMs / 1000).toFixed(1)} s: ${s.kind}${s.request ? ` on ${s.request}` : ''}: ${s.body.replace(/\s+/g, ' ')}`,
    );
  }
}
