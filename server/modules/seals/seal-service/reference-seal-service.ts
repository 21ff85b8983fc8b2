import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromHex, signWithSeal } from '../../../crypto/index.ts';
import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { keyHolderOf } from '../seal-authority.ts';
import { findCertificateByDer } from '../seals.repo.ts';

/**
 * A reference server for the remote signing protocol (docs/SEAL-SERVICE.md), standing in for the
 * province's electronic seal system: `npx hukou seal-service`. It signs with the keys of the local
 * seal authority (the same database and data keys), so the archive can be run and tested against
 * the remote provider end to end. `behaviour` makes it fail (503 every time), stall (never answer)
 * fail the first `failFirst` requests and then sign, as a real service sometimes does, or fail the
 * requests `failFor` matches.
 */
export interface SealServiceOptions {
  port: number;
  host?: string;
  token: string | null;
  behaviour: 'sign' | 'fail' | 'stall';
  failFirst?: number;
  /** Answer 503 to every request whose propertyInfo matches, e.g. only a notice's seal signatures. */
  failFor?: RegExp;
}

export interface RunningSealService {
  url: string;
  /** Requests received, answered or not. */
  readonly received: number;
  /** The propertyInfo of each signature made, in order. */
  readonly signedFor: readonly string[];
  close(): Promise<void>;
}

interface SignRequestBody {
  requestId: string;
  seal: string;
  signerCertificate: string;
  documentHash: string;
  propertyInfo: string;
  signingTime: string;
}

function parseBody(text: string): SignRequestBody | null {
  try {
    const body = JSON.parse(text) as Partial<SignRequestBody>;
    const strings = [body.requestId, body.seal, body.signerCertificate, body.documentHash, body.propertyInfo, body.signingTime];
    if (!strings.every((v) => typeof v === 'string' && v.length > 0 && v.length < 200_000)) return null;
    if (!/^[0-9a-f]{64}$/.test(body.documentHash as string) || Number.isNaN(Date.parse(body.signingTime as string))) return null;
    return body as SignRequestBody;
  } catch {
    return null;
  }
}

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const refuse = (res: http.ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

export async function startReferenceSealService(ctx: AppContext, options: SealServiceOptions): Promise<RunningSealService> {
  let received = 0;
  const signedFor: string[] = [];
  const answered = new Map<string, string>();
  const stalled = new Set<http.ServerResponse>();

  async function sign(body: SignRequestBody): Promise<{ status: number; answer: unknown }> {
    const known = answered.get(body.requestId);
    if (known) return { status: 200, answer: { signature: known } };
    return inTransaction(ctx.db, async (tx) => {
      const row = await findCertificateByDer(tx, body.signerCertificate);
      if (!row || row.kind !== 'officer') return { status: 403, answer: { error: { code: 'UNKNOWN_SIGNER', message: 'no such signer here' } } };
      if (row.revoked_at) return { status: 403, answer: { error: { code: 'SIGNER_REVOKED', message: 'the signer certificate is revoked' } } };
      const holder = await keyHolderOf(tx, ctx.dataKeys, row);
      try {
        const { der } = signWithSeal(
          {
            sealDer: new Uint8Array(Buffer.from(body.seal, 'base64')),
            documentHash: fromHex(body.documentHash),
            propertyInfo: body.propertyInfo,
            signingTime: new Date(body.signingTime),
          },
          holder,
        );
        const signature = Buffer.from(der).toString('base64');
        answered.set(body.requestId, signature);
        signedFor.push(body.propertyInfo);
        return { status: 200, answer: { signature } };
      } catch (error) {
        return { status: 403, answer: { error: { code: 'SIGNER_NOT_IN_SEAL', message: (error as Error).message } } };
      }
    });
  }

  const server = http.createServer((req, res) => {
    received++;
    if (req.method !== 'POST' || req.url !== '/v1/signatures') return refuse(res, 404, 'NOT_FOUND', 'POST /v1/signatures');
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return refuse(res, 401, 'UNAUTHORIZED', 'bad token');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (options.behaviour === 'stall') {
        stalled.add(res);
        return;
      }
      if (options.behaviour === 'fail' || received <= (options.failFirst ?? 0))
        return refuse(res, 503, 'UNAVAILABLE', 'the seal system is unavailable');
      const body = parseBody(Buffer.concat(chunks).toString('utf8'));
      if (!body) return refuse(res, 400, 'MALFORMED', 'requestId, seal, signerCertificate, documentHash (hex SM3), propertyInfo, signingTime');
      if (options.failFor?.test(body.propertyInfo)) return refuse(res, 503, 'UNAVAILABLE', 'the seal system is unavailable');
      sign(body).then(
        ({ status, answer }) => send(res, status, answer),
        (error: unknown) => refuse(res, 500, 'INTERNAL', (error as Error).message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    get received() {
      return received;
    },
    get signedFor() {
      return signedFor;
    },
    async close() {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
