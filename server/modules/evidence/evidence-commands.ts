import fs from 'node:fs';
import os from 'node:os';
import type { AppContext } from '../../context.ts';
import { ERROR_CATALOG, isAppError } from '../../errors.ts';
import { type ExportOperator, exportCase } from './export-case.ts';
import { verifyPackage } from './verify-package.ts';

const EXPORT_CASE_USAGE = `  export-case CASE [--out DIR]
              write the evidence package of a case (its number or id) into DIR (default
              ./evidence-<case number>): a BagIt bag of its originals, signatures, notice, audit
              events with inclusion proofs, the signed checkpoint, certificates and CRLs; it holds
              personal data; the export is recorded in the trail`;

const VERIFY_PACKAGE_USAGE = `  verify-package DIR
              check an evidence package offline (no database, no network): every file, signature,
              certificate, CRL and proof; prints each check and the root's fingerprint; exit 1 on
              any failure`;

export const EVIDENCE_USAGE = `${EXPORT_CASE_USAGE}\n${VERIFY_PACKAGE_USAGE}`;

/** The OS account that ran the command: the CLI has no signed-in person to name. */
function operator(): ExportOperator {
  let osUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  try {
    osUser = os.userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the environment's name will do.
  }
  return { osUser, host: os.hostname() };
}

export async function runExportCaseCommand(ctx: AppContext, argv: readonly string[]): Promise<number> {
  const reference = argv[0];
  const outAt = argv.indexOf('--out');
  const out = outAt > 0 ? argv[outAt + 1] : undefined;
  if (!reference || reference.startsWith('--') || (outAt > 0 && (!out || out.startsWith('--')))) {
    console.error(`usage:\n${EXPORT_CASE_USAGE}`);
    return 2;
  }
  try {
    const exported = await exportCase(ctx, { reference, ...(out ? { out } : {}), operator: operator() });
    console.log('Exported case %s to %s', exported.caseNo, exported.dir);
    console.log(
      '  %d files (%d bytes): %d signature(s), %s, %d audit event(s) proven in the checkpoint of %d events',
      exported.files,
      exported.octets,
      exported.signatures,
      exported.notice ? 'the approval notice' : 'no notice',
      exported.events,
      exported.treeSize,
    );
    console.log('  root certificate SHA-256 fingerprint: %s', exported.rootFingerprint);
    console.log('  tagmanifest-sha256.txt SHA-256: %s (recorded in the trail)', exported.tagManifestSha256);
    console.log('The package holds personal data: keep, send and destroy it as such.');
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(`export-case: ${error.code} ${ERROR_CATALOG[error.code].zh} / ${error.message} ${JSON.stringify(error.details ?? {})}`);
    return 1;
  }
}

export function runVerifyPackageCommand(argv: readonly string[]): number {
  const dir = argv[0];
  if (!dir || dir.startsWith('--') || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(dir && !dir.startsWith('--') ? `verify-package: ${dir} is not a folder` : `usage:\n${VERIFY_PACKAGE_USAGE}`);
    return 2;
  }
  const report = verifyPackage(dir);
  console.log('Evidence package %s: case %s, exported %s', dir, report.caseNo ?? '?', report.exportedAt ?? '?');
  if (report.root) {
    console.log('Root in the package: %s', report.root.subject);
    console.log('  SHA-256 fingerprint %s', report.root.fingerprint);
    console.log('  Everything below is checked against this root: compare it with the fingerprint the bureau publishes.');
  }
  for (const check of report.checks) console.log('%s %s %s: %s', check.ok ? 'OK  ' : 'FAIL', check.name, check.file, check.detail);
  const failures = report.checks.filter((c) => !c.ok).length;
  console.log(report.valid ? 'VALID: every check passed.' : `NOT VALID: ${failures} check(s) failed.`);
  return report.valid ? 0 : 1;
}
