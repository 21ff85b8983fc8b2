import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';

/** A request the server refused or failed; the bench counts these rather than hiding them. */
export class HttpFailure extends Error {
  constructor(readonly status: number, readonly code: string, what: string) {
    super(`${what}: HTTP ${status} ${code}`);
  }
}

export interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

/**
 * Talks to the server under test over real HTTP on loopback with Node's fetch (undici, keep-alive).
 * Latency is measured here, on the client, from sending the request to having the parsed body.
 */
export class HttpDriver {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(readonly baseUrl: string) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) throw new Error(`the bench only drives 127.0.0.1, not ${baseUrl}`);
  }

  /** One session per user, signed in once: sign-in is argon2 work that no act repeats. */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.send('POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD } })
        .then((res) => (res.body as { token: string }).token);
      this.tokens.set(username, token);
    }
    return token;
  }

  async send<T = unknown>(method: 'GET' | 'POST', path: string, options: { token?: string; json?: unknown; multipart?: Multipart; idempotent?: boolean } = {}): Promise<Timed<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.multipart) {
      headers['content-type'] = options.multipart.contentType;
      body = new Uint8Array(options.multipart.payload);
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const started = performance.now();
    // Bounded: a request that hangs fails after 30 s instead of stalling the run.
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      // fetch says only "fetch failed"; the socket-level cause is what tells a crash from a reset.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${method} ${path.split('?')[0]}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`, { cause: error });
    }
    const text = await response.text();
    const ms = performance.now() - started;
    const parsed = text ? JSON.parse(text) : null;
    if (response.status >= 300) {
      throw new HttpFailure(response.status, parsed?.error?.code ?? 'UNKNOWN', `${method} ${path.split('?')[0]}`);
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
