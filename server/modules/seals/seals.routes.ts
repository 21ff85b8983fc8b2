import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { CaseIdParams } from '../cases/cases.schema.ts';
import { UnitIdParams } from '../org/admin.schema.ts';
import { UserIdParams } from '../org/org.schema.ts';
import { issueOfficerCertificateAct } from './commands/issue-officer-certificate.ts';
import { makeUnitSealAct } from './commands/make-unit-seal.ts';
import { revokeCertificate } from './commands/revoke-certificate.ts';
import { revokeSeal } from './commands/revoke-seal.ts';
import { paramsOnlyValidator, readUpload } from '../../http/read-upload.ts';
import { checkSealedFilePublicly } from './queries/check-sealed-file-publicly.ts';
import { readCaseSignatures } from './queries/read-case-signatures.ts';
import { readSealAuthority } from './queries/read-seal-authority.ts';
import { readSealImage } from './queries/seal-image.ts';
import {
  CaseSignaturesSchema,
  CertificateIdParams,
  CertificateViewSchema,
  MAX_SEALED_FILE_BYTES,
  PublicSealedFileCheckSchema,
  RevokeBody,
  SealAuthoritySchema,
  SealIdParams,
  SealImageResponse,
  SealedFileUploadBody,
  SealViewSchema,
} from './seals.schema.ts';

function sendSealImage(reply: FastifyReply, sealId: string, image: { bytes: Uint8Array; mediaType: string }) {
  return reply
    .header('content-type', image.mediaType)
    .header('content-disposition', `inline; filename="${sealId}.png"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .send(Buffer.from(image.bytes)); // the OpenAPI binary string is these bytes
}

/** Electronic seals: the security administrator's authority pages, and each case's signatures. */
export async function sealRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['seals'];

  r.get(
    '/api/cases/:id/signatures',
    {
      schema: {
        tags,
        summary: '签章 Each decision’s signature on the case, verified now (audited)',
        params: CaseIdParams,
        response: { 200: CaseSignaturesSchema, ...errorResponses },
      },
    },
    async (req) => readCaseSignatures(ctx, await requireActor(ctx, req), req.params.id),
  );

  r.get(
    '/api/seals/:id/image',
    {
      schema: {
        tags,
        summary: '印模 A seal’s picture (PNG)',
        params: SealIdParams,
        response: { 200: SealImageResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      return sendSealImage(reply, req.params.id, await readSealImage(ctx, await requireActor(ctx, req), req.params.id));
    },
  );

  r.get(
    '/api/admin/seals',
    {
      schema: {
        tags,
        summary: '印章与证书 The seal authority (security administrator, audited)',
        response: { 200: SealAuthoritySchema, ...errorResponses },
      },
    },
    async (req) => readSealAuthority(ctx, await requireActor(ctx, req)),
  );

  r.post(
    '/api/admin/units/:id/seal',
    {
      schema: {
        tags,
        summary: '制章 Make a unit’s seal (again) (security administrator)',
        params: UnitIdParams,
        response: { 201: SealViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await makeUnitSealAct(ctx, await requireActor(ctx, req), req.params.id, requireIdempotencyKey(req))),
  );

  r.post(
    '/api/admin/seals/:id/revoke',
    {
      schema: {
        tags,
        summary: '吊销印章 Revoke a seal (security administrator)',
        params: SealIdParams,
        body: RevokeBody,
        response: { 200: SealViewSchema, ...errorResponses },
      },
    },
    async (req) => revokeSeal(ctx, await requireActor(ctx, req), req.params.id, req.body.reason, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/admin/users/:id/certificate',
    {
      schema: {
        tags,
        summary: '签发个人证书 Issue an officer’s signing certificate (security administrator)',
        params: UserIdParams,
        response: { 201: CertificateViewSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueOfficerCertificateAct(ctx, await requireActor(ctx, req), req.params.id, requireIdempotencyKey(req))),
  );

  r.post(
    '/api/admin/certificates/:id/revoke',
    {
      schema: {
        tags,
        summary: '吊销证书 Revoke an officer’s or a unit’s certificate (security administrator)',
        params: CertificateIdParams,
        body: RevokeBody,
        response: { 200: CertificateViewSchema, ...errorResponses },
      },
    },
    async (req) => revokeCertificate(ctx, await requireActor(ctx, req), req.params.id, req.body.reason, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/public/seals/verify',
    {
      schema: {
        tags,
        summary: '电子签章核验 Verify a sealed file from any system: OFD, SES_Seal, SES_Signature (public, no sign-in; multipart: file, document)',
        consumes: ['multipart/form-data'],
        body: SealedFileUploadBody,
        response: { 200: PublicSealedFileCheckSchema, ...errorResponses },
      },
      validatorCompiler: paramsOnlyValidator,
    },
    async (req, reply) => {
      const { bytes, files } = await readUpload(req, MAX_SEALED_FILE_BYTES, {}, ['document']);
      return reply.header('cache-control', 'no-store').send(await checkSealedFilePublicly(ctx, bytes, files.document));
    },
  );
}
