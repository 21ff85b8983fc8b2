import { HttpFailure, TransportFailure } from './http-driver.ts';

/**
 * What went wrong during a load, kept apart from what was merely refused on purpose.
 *
 * An error is every transport failure (no answer, reset, timeout) and every non-2xx answer that is
 * not an expected business refusal. Expected refusals are the answers a correct server gives to
 * this workload by design: today only sign-in throttling (429, which the driver waits out and
 * retries). The planned chains are valid, so a 403, 404, 409 or 422 on an act is an error here.
 */
export const EXPECTED_REFUSALS: readonly { status: number; code?: string; why: string }[] = [
  { status: 429, why: 'sign-in throttling: the driver waits for Retry-After and signs in again' },
];

export function isExpectedRefusal(status: number, code: string): boolean {
  return EXPECTED_REFUSALS.some((r) => r.status === status && (r.code === undefined || r.code === code));
}

export interface ErrorSample {
  /** Milliseconds since the log was created. */
  atMs: number;
  kind: string;
  request: string;
  body: string;
}

const SAMPLES_KEPT = 5;

export class ErrorLog {
  /** performance.now() at the start of the run; every time below is counted from it. */
  constructor(readonly started = performance.now()) {}

  readonly errors = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  readonly samples: ErrorSample[] = [];
  /** When each error happened, in ms since the log was created (the soak counts them per minute). */
  readonly times: number[] = [];

  get total(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }

  get refusalTotal(): number {
    return [...this.refusals.values()].reduce((a, b) => a + b, 0);
  }

  refused(status: number, code: string): void {
    const kind = `${status} ${code}`;
    this.refusals.set(kind, (this.refusals.get(kind) ?? 0) + 1);
  }

  /** Counts a failure thrown by the driver (or anything else a client threw); keeps the first few bodies. */
  record(error: unknown): void {
    const failure = error instanceof HttpFailure ? error : undefined;
    if (failure && isExpectedRefusal(failure.status, failure.code)) {
      this.refused(failure.status, failure.code);
      return;
    }
    // Anything else a client threw is the bench's own fault, and counted too: it is not a clean run.
    const kind = failure ? `${failure.status} ${failure.code}`
      : error instanceof TransportFailure ? `transport ${error.code || 'error'}` : `bench ${(error as Error)?.name ?? 'error'}`;
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
    const errors = this.errors.size ? [...this.errors].map(([kind, n]) => `${n}x ${kind}`).join(', ') : 'none';
    const refusals = this.refusals.size ? `; expected refusals: ${[...this.refusals].map(([kind, n]) => `${n}x ${kind}`).join(', ')}` : '';
    return `${errors}${refusals}`;
  }

  /** The first few error bodies, one per line, for the console. */
  sampleLines(): string[] {
    return this.samples.map((s) => `  at ${(s.atMs / 1000).toFixed(1)} s: ${s.kind}${s.request ? ` on ${s.request}` : ''}: ${s.body.replace(/\s+/g, ' ')}`);
  }
}
