import { Worker } from 'node:worker_threads';

/** Every reply names the request it answers. */
export interface ThreadReply {
  id: number;
}

export interface RequestThreadOptions {
  /** The worker's script; it answers each `{ id, ...request }` with one `{ id, ...reply }`. */
  script: URL;
  /** Used in the error when the thread dies: "<name> thread exited with code 1". */
  name: string;
  /** A request not answered by then fails with `timeoutError()` and the thread is ended and replaced. */
  timeoutMs?: number;
  timeoutError?: () => Error;
}

interface Pending<Reply> {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | null;
}

/**
 * One worker thread answering requests in order: started on first use, holding the process open only
 * while a request is in flight, replaced when it dies or (with a timeout) hangs. A dead thread fails
 * what it held; the next request starts a new one.
 */
export class RequestThread<Request extends object, Reply extends ThreadReply> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<Reply>>();
  private nextId = 1;

  constructor(private readonly options: RequestThreadOptions) {}

  get inFlight(): number {
    return this.pending.size;
  }

  send(request: Request): Promise<Reply> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      const { timeoutMs, timeoutError } = this.options;
      const timer =
        timeoutMs === undefined
          ? null
          : setTimeout(() => {
              this.abandon(worker, timeoutError?.() ?? new Error(`${this.options.name} thread took longer than ${timeoutMs} ms`));
              void worker.terminate();
            }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...request });
    });
  }

  async close(reason: string): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.abandon(worker, new Error(reason));
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.options.script);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      if (pending.timer) clearTimeout(pending.timer);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      pending.resolve(reply);
    });
    worker.on('error', (error) => this.abandon(worker, error));
    worker.on('exit', (code) => this.abandon(worker, new Error(`${this.options.name} thread exited with code ${code}`)));
    return worker;
  }

  private abandon(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) {
      if (pending.timer) clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}

/** A few threads of one script; each request goes to the least busy. */
export class RequestThreadPool<Request extends object, Reply extends ThreadReply> {
  private readonly threads: RequestThread<Request, Reply>[];

  constructor(size: number, options: RequestThreadOptions) {
    this.threads = Array.from({ length: size }, () => new RequestThread<Request, Reply>(options));
  }

  send(request: Request): Promise<Reply> {
    const idlest = this.threads.reduce((best, thread) => (thread.inFlight < best.inFlight ? thread : best));
    return idlest.send(request);
  }

  async close(reason: string): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close(reason)));
  }
}
