import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';

/** A request the server refused or failed; the bench counts these rather than hiding them. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly request: string,
    readonly body: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${request}: HTTP ${status} ${code}`);
  }
}

/** No answer at all: refused or reset connection, timeout. */
export class TransportFailure extends Error {
  constructor(
    readonly request: string,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${request}: ${message}${code ? ` (${code})` : ''}`, options);
  }
}

const SIGN_IN_ATTEMPTS = 20;

export interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

/**
 * Talks to the server under test over real HTTP on loopback with node:http and keep-alive
 * connections, one per concurrent client. Latency is measured here, on the client, from sending the
 * request to having the whole body. Not fetch: on this machine undici's fetch alone showed a p99 of
 * 5 to 6 ms against a trivial server (node:http: 1 to 3 ms), and the client shares the two cores
 * with the server, so its own overhead would be counted against the server.
 */
export class HttpDriver {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly port: number;
  /** Sign-ins refused with 429 and retried after Retry-After: the expected refusals of this workload (error-log.ts). */
  throttledSignIns = 0;

  constructor(readonly baseUrl: string) {
    const match = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(baseUrl);
    if (!match) throw new Error(`the bench only drives 127.0.0.1, not ${baseUrl}`);
    this.port = Number(match[1]);
  }

  close(): void {
    this.agent.destroy();
  }

  private request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<{ status: number; text: string; retryAfter?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            retryAfter: res.headers['retry-after'],
          }),
        );
        res.on('error', reject);
      });
      // Bounded: a request that hangs fails after 30 s instead of stalling the run.
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 30 s'), { code: 'TIMEOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** One session per user, signed in once: sign-in is argon2 work that no act repeats. */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.signIn(username);
      // A failed sign-in is not cached: the next act of that user tries again.
      token.catch(() => this.tokens.delete(username));
      this.tokens.set(username, token);
    }
    return token;
  }

  /** Waits out sign-in throttling (429 + Retry-After, bounded) rather than counting it as an error. */
  private async signIn(username: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.send<{ token: string }>('POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
        return res.body.token;
      } catch (error) {
        if (!(error instanceof HttpFailure) || error.status !== 429 || attempt >= SIGN_IN_ATTEMPTS) throw error;
        this.throttledSignIns++;
        await sleep(Math.min(60, Math.max(0.2, error.retryAfterSeconds ?? 1)) * 1000);
      }
    }
  }

  async send<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; json?: unknown; multipart?: Multipart; idempotent?: boolean } = {},
  ): Promise<Timed<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    let body: string | Buffer | undefined;
    if (options.multipart) {
      headers['content-type'] = options.multipart.contentType;
      body = options.multipart.payload;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const started = performance.now();
    let response: { status: number; text: string; retryAfter?: string };
    try {
      response = await this.request(method, path, headers, body);
    } catch (error) {
      throw new TransportFailure(`${method} ${path.split('?')[0]}`, (error as NodeJS.ErrnoException).code ?? '', (error as Error).message, {
        cause: error,
      });
    }
    const ms = performance.now() - started;
    const what = `${method} ${path.split('?')[0]}`;
    let parsed: { error?: { code?: string } } | null = null;
    try {
      parsed = response.text ? JSON.parse(response.text) : null;
    } catch {
      // A body that is not JSON (a proxy page, a crash) is still an answer worth showing.
      throw new HttpFailure(response.status, response.status >= 300 ? 'NOT_JSON' : 'BAD_BODY', what, response.text);
    }
    if (response.status >= 300) {
      const retryAfter = response.retryAfter !== undefined ? Number(response.retryAfter) : undefined;
      throw new HttpFailure(
        response.status,
        parsed?.error?.code ?? 'UNKNOWN',
        what,
        response.text,
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    return { status: response.status, body: parsed as T, ms };
  }
}

export interface Multipart {
  payload: Buffer;
  contentType: string;
}

/** The multipart body of one captured page, built by hand as a scanner client would. */
export function pageUpload(materialCode: string, jpeg: Buffer): Multipart {
  const boundary = `----hukoubench${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="materialCode"\r\n\r\n${materialCode}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="page.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
