import { randomUUID } from 'node:crypto';
import { bytesEqual, decodeSesSignature, toHex } from '../../crypto/index.ts';
import type { SigningProvider, SigningRequest } from './signing-provider.ts';

/**
 * The province's electronic seal system, reached over HTTP (protocol: docs/SEAL-SERVICE.md). The
 * archive prepares the digest, the service signs with keys it alone holds, and the answer is
 * checked before it is embedded: it must be an SES_Signature over this digest, with this seal and
 * this officer's certificate. Slow or failing answers are retried with backoff within a bounded
 * time; what cannot be signed fails as a whole (SigningUnavailable), and nothing is half-signed.
 */
export interface RemoteProviderOptions {
  url: string;
  token: string | null;
  /** Per attempt. */
  timeoutMs: number;
  /** Further attempts after the first, for timeouts, network errors and 5xx answers. */
  retries: number;
  /** Backoff before retry n is backoffMs * 4^(n-1). */
  backoffMs: number;
}

/** Why the seal system could not sign: the approver sees 签章失败 and may try again. */
export class SigningUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'service_error' | 'refused' | 'bad_answer',
    readonly detail: string,
    readonly attempts: number,
  ) {
    super(`seal service: ${reason}: ${detail}`);
    this.name = 'SigningUnavailable';
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Attempt {
  status: number;
  body: { signature?: unknown; error?: { code?: unknown; message?: unknown } };
}

async function post(options: RemoteProviderOptions, payload: unknown): Promise<Attempt> {
  const response = await fetch(new URL('v1/signatures', options.url.endsWith('/') ? options.url : `${options.url}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  let body: Attempt['body'] = {};
  try {
    body = JSON.parse(text) as Attempt['body'];
  } catch {
    body = {};
  }
  return { status: response.status, body };
}

function checkedAnswer(request: SigningRequest, signerCertificate: Uint8Array, answer: unknown, attempts: number): Uint8Array {
  if (typeof answer !== 'string') throw new SigningUnavailable('bad_answer', 'no signature in the answer', attempts);
  const der = new Uint8Array(Buffer.from(answer, 'base64'));
  let decoded;
  try {
    decoded = decodeSesSignature(der);
  } catch (error) {
    throw new SigningUnavailable('bad_answer', `not an SES_Signature: ${(error as Error).message}`, attempts);
  }
  if (!bytesEqual(decoded.toSign.dataHash, request.documentHash)) throw new SigningUnavailable('bad_answer', 'signed another digest', attempts);
  if (!bytesEqual(decoded.signerCertificate, signerCertificate))
    throw new SigningUnavailable('bad_answer', 'signed by another certificate', attempts);
  if (decoded.toSign.propertyInfo !== request.propertyInfo) throw new SigningUnavailable('bad_answer', 'signed another propertyInfo', attempts);
  return der;
}

export function remoteSigningProvider(options: RemoteProviderOptions): SigningProvider {
  return {
    name: 'remote',
    async sign(request) {
      const signerCertificate = request.signer.certificate;
      // One request id for every attempt: the service answers a repeated id with the first signature.
      const payload = {
        requestId: randomUUID(),
        seal: Buffer.from(request.sealDer).toString('base64'),
        signerCertificate: Buffer.from(signerCertificate).toString('base64'),
        documentHash: toHex(request.documentHash),
        propertyInfo: request.propertyInfo,
        signingTime: request.signingTime.toISOString(),
      };
      let last = new SigningUnavailable('unreachable', 'not tried', 0);
      for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
        if (attempt > 1) await delay(options.backoffMs * 4 ** (attempt - 2));
        try {
          const { status, body } = await post(options, payload);
          if (status === 200) return checkedAnswer(request, signerCertificate, body.signature, attempt);
          const message = typeof body.error?.message === 'string' ? body.error.message : `HTTP ${status}`;
          // A refusal is the service's decision about this request: asking again changes nothing.
          if (status >= 400 && status < 500) throw new SigningUnavailable('refused', message, attempt);
          last = new SigningUnavailable('service_error', message, attempt);
        } catch (error) {
          if (error instanceof SigningUnavailable) throw error;
          const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
          last = new SigningUnavailable(timedOut ? 'timeout' : 'unreachable', (error as Error).message, attempt);
        }
      }
      throw last;
    },
  };
}
