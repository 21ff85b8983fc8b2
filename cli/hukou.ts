import { loadConfig } from '../server/config.ts';
import { closeContext, openContext } from '../server/bootstrap.ts';
import { serve } from '../server/main.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { seedDemo } from '../server/modules/org/commands/seed-demo.ts';
import { rekeyIdNumbers } from '../server/modules/population/commands/rekey-id-numbers.ts';

const USAGE = `hukou — 户政业务电子档案系统

Usage: hukou <command>
  serve       start the HTTP server (creates demo data on an empty database)
  migrate     apply database migrations and load shipped catalog versions
  seed-demo   create the demo organisation and accounts on an empty database
  verify      check the audit hash chain, every case against its action log and every stored file;
              exit 1 on any problem
  rekey-id-numbers [--compact] [--after CASE_ID]
              re-encrypt personal data under the current data key and recompute the blind index
              (after a key rotation, docs/CRYPTO.md); resumable; exit 1 if any row needs attention

Configuration by environment: HUKOU_DATA_DIR, PORT, HOST, DATABASE_URL, HUKOU_BLOB_DIR (see README).`;

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
      const created = await seedDemo(ctx.db);
      console.log(
        created ? `Demo organisation created; password for all demo accounts: ${DEMO_PASSWORD}` : 'The database already has users; nothing seeded.',
      );
      await closeContext(ctx);
      return 0;
    }
    case 'verify': {
      const ctx = await openContext(config);
      const report = await verifyArchive(ctx.db, ctx.blobs, ctx.catalogs);
      await closeContext(ctx);
      console.log('Checked %d audit events and %d blobs.', report.auditEvents, report.blobs);
      for (const problem of report.problems) console.log('PROBLEM %s at %s: %s', problem.kind, problem.where, problem.message);
      console.log(report.problems.length === 0 ? 'OK: the trail and all files are intact.' : `FAILED: ${report.problems.length} problem(s).`);
      return report.problems.length === 0 ? 0 : 1;
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
