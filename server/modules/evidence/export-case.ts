import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { writeBag } from './bagit.ts';
import { readCaseSnapshot } from './case-snapshot.ts';
import { findCaseIdByReference } from './evidence.repo.ts';
import { packageContents } from './package-contents.ts';

/** Who ran the export: the CLI has no signed-in person, so the trail names the system and the OS account. */
export interface ExportOperator {
  osUser: string;
  host: string;
}

export interface ExportedPackage {
  dir: string;
  caseId: string;
  caseNo: string;
  files: number;
  octets: number;
  signatures: number;
  notice: boolean;
  events: number;
  treeSize: number;
  rootFingerprint: string;
  tagManifestSha256: string;
}

function refuseUsedTarget(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) throw new AppError('EVIDENCE_TARGET_NOT_EMPTY', { dir });
}

/**
 * `hukou export-case CASE`: writes the case's evidence package (docs/SEALS.md, "Evidence
 * packages") into `out` (default `./evidence-<case number>`). The bag is written beside it under a
 * temporary name and renamed into place, so a package is either whole or absent; the export is then
 * recorded in the trail (the operator, the case, the package's tag manifest digest), and if that
 * fails the package is removed: personal data leaves the archive only on the record.
 */
export async function exportCase(ctx: AppContext, request: { reference: string; out?: string; operator: ExportOperator }): Promise<ExportedPackage> {
  if (request.out !== undefined) refuseUsedTarget(path.resolve(request.out));
  const reference = request.reference.trim().slice(0, 100);
  const event = { actorId: null, actorUnitId: null, action: 'case.export' as const, objectType: 'case' };
  const caseId = await findCaseIdByReference(ctx.db.kysely, reference);
  if (!caseId) {
    await recordAudit(ctx, {
      ...event,
      at: ctx.now().toISOString(),
      objectId: reference,
      outcome: 'refused',
      reason: 'CASE_NOT_FOUND',
      detail: { operator: request.operator },
    });
    throw new AppError('CASE_NOT_FOUND', { reference });
  }

  const snapshot = await readCaseSnapshot(ctx, caseId);
  const dir = path.resolve(request.out ?? `evidence-${snapshot.kase.case_no}`);
  refuseUsedTarget(dir);
  const exportedAt = ctx.now();
  const contents = await packageContents(ctx, snapshot, exportedAt);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const temp = `${dir}.partial-${randomUUID().slice(0, 8)}`;
  let written;
  try {
    written = await writeBag(
      temp,
      contents.files,
      [
        ['Source-Organization', contents.city],
        ['External-Identifier', snapshot.kase.case_no],
        ['External-Description', `户政业务电子档案 证据包 / evidence package of case ${snapshot.kase.case_no}`],
        ['Bag-Software-Agent', 'hukou export-case (hukou-evidence-package/1)'],
        ['Internal-Sender-Description', 'Holds personal data (full ID number, documents, portrait): keep, send and destroy it as such.'],
        ['Hukou-Root-Certificate-SHA256', contents.rootFingerprint],
        ['Hukou-Checkpoint-Tree-Size', String(snapshot.checkpoint.tree_size)],
      ],
      exportedAt,
    );
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    fs.renameSync(temp, dir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }

  const exported: ExportedPackage = {
    dir,
    caseId,
    caseNo: snapshot.kase.case_no,
    files: written.files,
    octets: written.octets,
    signatures: snapshot.signatures.length,
    notice: snapshot.notice !== null,
    events: snapshot.events.length,
    treeSize: snapshot.checkpoint.tree_size,
    rootFingerprint: contents.rootFingerprint,
    tagManifestSha256: written.tagManifestSha256,
  };
  try {
    await recordAudit(ctx, {
      ...event,
      at: ctx.now().toISOString(),
      objectId: caseId,
      caseId,
      outcome: 'ok',
      detail: {
        operator: request.operator,
        dir,
        caseNo: exported.caseNo,
        files: exported.files,
        octets: exported.octets,
        treeSize: exported.treeSize,
        tagManifestSha256: exported.tagManifestSha256,
      },
    });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return exported;
}
