import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestEnv } from './test-context.ts';

export interface Call {
  status: number;
  body: any;
  raw: LightMyRequestResponse;
}

function wrap(raw: LightMyRequestResponse): Call {
  let body: unknown = raw.body;
  try {
    body = raw.json();
  } catch {
    /* not JSON: keep the text */
  }
  return { status: raw.statusCode, body, raw };
}

type FilePart = { name: string; type: string; bytes: Buffer };

/** A multipart body: text fields, the `file` part, and further named file parts (`more`). */
export function multipart(fields: Record<string, string>, file?: FilePart, more: Record<string, FilePart> = {}) {
  const boundary = `----hukou${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [field, part] of Object.entries({ ...(file ? { file } : {}), ...more })) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${part.name}"\r\nContent-Type: ${part.type}\r\n\r\n`),
    );
    parts.push(part.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An HTTP client for one demo user, through Fastify's inject (no sockets). */
export async function as(env: TestEnv, username: string) {
  const token = await env.login(username);
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  return {
    token,
    get: async (url: string) => wrap(await env.app.inject({ method: 'GET', url, headers: headers() })),
    post: async (url: string, payload: unknown = {}, key: string | null = randomUUID()) =>
      wrap(await env.app.inject({ method: 'POST', url, payload: payload as object, headers: headers(key ? { 'idempotency-key': key } : {}) })),
    upload: async (caseId: string, materialCode: string, bytes: Buffer, key: string = randomUUID(), type = 'image/jpeg') => {
      const body = multipart({ materialCode }, { name: 'page.jpg', type, bytes });
      return wrap(
        await env.app.inject({
          method: 'POST',
          url: `/api/cases/${caseId}/images`,
          payload: body.payload,
          headers: headers({ 'content-type': body.contentType, 'idempotency-key': key }),
        }),
      );
    },
    /** A multipart upload to any capture endpoint, with its text fields. */
    uploadTo: async (url: string, fields: Record<string, string>, bytes: Buffer, key: string = randomUUID()) => {
      const body = multipart(fields, { name: 'upload.bin', type: 'application/octet-stream', bytes });
      return wrap(
        await env.app.inject({
          method: 'POST',
          url,
          payload: body.payload,
          headers: headers({ 'content-type': body.contentType, 'idempotency-key': key }),
        }),
      );
    },
  };
}

export type Client = Awaited<ReturnType<typeof as>>;
