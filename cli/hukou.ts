import fs from 'node:fs';
import { loadConfig } from '../server/config.ts';
import { closeContext, openContext } from '../server/bootstrap.ts';
import { serve } from '../server/main.ts';
import { sweepFixity } from '../server/jobs/fixity-sweep.ts';
import { sweepOrphans } from '../server/jobs/orphan-sweep.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { seedDemo } from '../server/modules/org/commands/seed-demo.ts';
import { rekeyIdNumbers } from '../server/modules/population/commands/rekey-id-numbers.ts';
import { IMPORT_HISTORY_USAGE, runImportHistoryCommand } from '../server/modules/history/import-history-command.ts';
import { EVIDENCE_USAGE, runExportCaseCommand, runVerifyPackageCommand } from '../server/modules/evidence/evidence-commands.ts';
import { startReferenceSealService } from '../server/modules/seals/seal-service/reference-seal-service.ts';
import { verifySealFile } from '../server/modules/seals/verify-seal-file.ts';

const USAGE = `hukou — 户政业务电子档案系统

Usage: hukou <command>
  serve       start the HTTP server (creates demo data on an empty database)
  migrate     apply database migrations and load shipped catalog versions
  seed-demo   create the demo organisation and accounts on an empty database
  verify      check the audit hash chain, every case against its action log and every stored file
              (missing, changed, or stored with no row pointing to it past the grace period);
              exit 1 on any problem
  sweep-orphans [--grace-hours H]
              remove stored originals no row points to, older than H hours (default
              HUKOU_ORPHAN_GRACE_HOURS, 24); the server also does this daily
  sweep-fixity [--period-days D]
              re-hash today's share of the originals (all within D days, default
              HUKOU_FIXITY_PERIOD_DAYS, 30), oldest check first; the server also does this daily;
              exit 1 if any original failed
  verify-seal FILE [--document DOC]
              check a seal (SES_Seal, GM/T 0031 v1 or GB/T 38540 v4), a seal signature (SES_Signature,
              over DOC when given), an approval notice PDF issued here or any sealed OFD file;
              prints each signature and check; exit 1 unless all pass
  seal-service [--port P] [--fail | --stall]
              a reference server of the remote signing protocol (docs/SEAL-SERVICE.md), signing with
              the local seal authority's keys; --fail answers 503, --stall never answers (for tests);
              HUKOU_SEAL_SERVICE_TOKEN, when set, is the bearer token it requires
  rekey-id-numbers [--compact] [--after CASE_ID]
              re-encrypt personal data under the current data key and recompute the blind index
              (after a key rotation, docs/CRYPTO.md); resumable; exit 1 if any row needs attention
${IMPORT_HISTORY_USAGE}
${EVIDENCE_USAGE}

Configuration by environment: HUKOU_DATA_DIR, PORT, HOST, DATABASE_URL, HUKOU_BLOB_DIR,
HUKOU_BLOB_STORE=fs|s3 and HUKOU_S3_* (see README and docs/OPERATIONS.md).`;

/** The positive number after a flag, or the fallback when the flag is absent. */
function numberAfter(argv: string[], flag: string, fallback: number): number {
  const at = argv.indexOf(flag);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate': {
      const ctx = await openContext(config);
      console.log(
        'Database is up to date (%s). Catalog versions: %s',
        ctx.db.dialect,
        ctx.catalogs
          .versions()
          .map((c) => c.version)
          .join(', '),
      );
      await closeContext(ctx);
      return 0;
    }
    case 'seed-demo': {
      const ctx = await openContext(config);
      const created = await seedDemo(ctx.db, ctx.dataKeys);
      console.log(
        created ? `Demo organisation created; password for all demo accounts: ${DEMO_PASSWORD}` : 'The database already has users; nothing seeded.',
      );
      await closeContext(ctx);
      return 0;
    }
    case 'verify': {
      const ctx = await openContext(config);
      const report = await verifyArchive(ctx.db, ctx.blobs, ctx.catalogs, {
        orphanGraceHours: config.orphanGraceHours,
        checkpointDir: config.checkpointDir,
      });
      await closeContext(ctx);
      console.log('Checked %d audit events and %d blobs.', report.auditEvents, report.blobs);
      if (report.checkpoints) {
        const { witnessed, latestTreeSize, eventsAfterLatest } = report.checkpoints;
        console.log(
          witnessed === 0
            ? `No signed checkpoint found in ${config.checkpointDir}: the trail is checked by its hash chain alone.`
            : `Checked the trail against ${witnessed} signed checkpoint(s) in ${config.checkpointDir}; the latest covers ${latestTreeSize} events, ${eventsAfterLatest} written since.`,
        );
      }
      if (report.orphansInGrace > 0) {
        console.log(
          '%d stored file(s) without a row, younger than %d h: captures in flight or refused, swept later.',
          report.orphansInGrace,
          config.orphanGraceHours,
        );
      }
      for (const problem of report.problems) console.log('PROBLEM %s at %s: %s', problem.kind, problem.where, problem.message);
      console.log(report.problems.length === 0 ? 'OK: the trail and all files are intact.' : `FAILED: ${report.problems.length} problem(s).`);
      return report.problems.length === 0 ? 0 : 1;
    }
    case 'sweep-orphans': {
      const graceHours = numberAfter(argv, '--grace-hours', config.orphanGraceHours);
      const ctx = await openContext(config);
      try {
        const report = await sweepOrphans(ctx, graceHours);
        for (const sha256 of report.removed) console.log('removed %s', sha256);
        for (const sha256 of report.renewed) console.log('kept %s: captured again during the sweep', sha256);
        for (const sha256 of report.restored) console.log('kept %s: a row pointing to it appeared during the sweep', sha256);
        console.log(
          'Removed %d of %d unreferenced originals older than %d h (%d younger kept) and %d interrupted writes.',
          report.removed.length,
          report.candidates,
          graceHours,
          report.inGrace,
          report.incomplete,
        );
        return 0;
      } finally {
        await closeContext(ctx);
      }
    }
    case 'sweep-fixity': {
      const periodDays = numberAfter(argv, '--period-days', config.fixityPeriodDays);
      const ctx = await openContext(config);
      try {
        const report = await sweepFixity(ctx, periodDays);
        for (const failure of report.failures) console.log('FAILED %s: %s (%s)', failure.sha256, failure.message, failure.kind);
        console.log(
          'Re-hashed %d of %d originals (a share for %d days): %d intact, %d failed.',
          report.intact + report.failures.length,
          report.total,
          periodDays,
          report.intact,
          report.failures.length,
        );
        return report.failures.length === 0 ? 0 : 1;
      } finally {
        await closeContext(ctx);
      }
    }
    case 'verify-seal': {
      const file = argv[1];
      if (!file || file.startsWith('--')) {
        console.error('usage: hukou verify-seal FILE [--document DOC]');
        return 2;
      }
      const documentAt = argv.indexOf('--document');
      const ctx = await openContext(config);
      try {
        const document = documentAt > 0 ? new Uint8Array(fs.readFileSync(argv[documentAt + 1] ?? '')) : undefined;
        const result = await verifySealFile(ctx, new Uint8Array(fs.readFileSync(file)), document);
        console.log('%s: %s', file, result.kind);
        for (const [name, value] of result.facts) console.log('  %s: %s', name, value);
        for (const check of result.checks) {
          const name = check.signature === undefined ? check.name : `signature ${check.signature}: ${check.name}`;
          console.log('  %s %s: %s', check.ok ? 'OK  ' : 'FAIL', name, check.detail);
        }
        console.log(result.valid ? 'VALID' : result.validExceptTrust ? 'VALID EXCEPT FOR TRUST' : 'NOT VALID');
        return result.valid ? 0 : 1;
      } finally {
        await closeContext(ctx);
      }
    }
    case 'seal-service': {
      const ctx = await openContext(config);
      const behaviour = argv.includes('--fail') ? 'fail' : argv.includes('--stall') ? 'stall' : 'sign';
      const service = await startReferenceSealService(ctx, {
        port: numberAfter(argv, '--port', 3100),
        host: config.host,
        token: process.env.HUKOU_SEAL_SERVICE_TOKEN ?? null,
        behaviour,
      });
      console.log('Reference seal service (%s) listening on %sv1/signatures', behaviour, service.url);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await service.close();
      await closeContext(ctx);
      return 0;
    }
    case 'rekey-id-numbers': {
      const after = argv.indexOf('--after');
      const ctx = await openContext(config);
      try {
        const report = await rekeyIdNumbers(ctx.db, ctx.dataKeys, {
          compact: argv.includes('--compact'),
          startAfterId: after >= 0 ? (argv[after + 1] ?? null) : null,
          onBatch: (progress) => console.log('  scanned %d, rewritten %d, last %s', progress.scanned, progress.rewritten, progress.lastId ?? '-'),
        });
        console.log(
          'Scanned %d cases: %d rewritten (%d values re-encrypted, %d re-indexed, %d plain values protected).',
          report.scanned,
          report.rewritten,
          report.reencrypted,
          report.reindexed,
          report.protectedPlain,
        );
        for (const problem of report.problems) console.log('PROBLEM case %s column %s: %s', problem.caseId, problem.column, problem.reason);
        if (report.contended.length > 0) console.log('Changed during the run (run again): %s', report.contended.join(', '));
        return report.problems.length === 0 && report.contended.length === 0 ? 0 : 1;
      } finally {
        await closeContext(ctx);
      }
    }
    case 'import-history': {
      const ctx = await openContext(config);
      try {
        return await runImportHistoryCommand(ctx, argv.slice(1));
      } finally {
        await closeContext(ctx);
      }
    }
    case 'export-case': {
      const ctx = await openContext(config);
      try {
        return await runExportCaseCommand(ctx, argv.slice(1));
      } finally {
        await closeContext(ctx);
      }
    }
    case 'verify-package':
      return runVerifyPackageCommand(argv.slice(1));
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
