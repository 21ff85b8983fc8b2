import { closeContext, openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import type { Tx } from '../server/db/transaction.ts';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { demoActor } from '../server/modules/demo/demo.repo.ts';
import { seedDemo } from '../server/modules/org/commands/seed-demo.ts';
import type { Actor } from '../server/modules/org/actor.ts';
import type { DatabaseKind } from './options.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-db.ts';

/**
 * The seals section runs the use cases in this process, as the tests do (createTestEnv), on a
 * scratch database of its own: no HTTP and no second process, so what is timed is the act itself.
 * The clock is the real one.
 */
export interface SealsRig {
  scratch: ScratchDatabase;
  ctx: AppContext;
  /** The people of the measured acts: 古楼 station, 鄂城 branch, the city, the audit administrator. */
  actors: { officer: Actor; reviewer: Actor; approver: Actor; auditor: Actor };
  /** A sub-type decided by the branch, then the city (审核 then 审批), as most are. */
  subtype: CatalogSubtype;
}

const BRANCH_THEN_CITY = 'branch,city';

export async function withSealsRig<T>(kind: DatabaseKind, pgAdminUrl: string, run: (rig: SealsRig) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(kind, pgAdminUrl);
  let ctx: AppContext | undefined;
  try {
    const config = loadConfig({ HUKOU_DATA_DIR: scratch.dir, DATABASE_URL: scratch.databaseUrl, HUKOU_LOG_LEVEL: 'silent' });
    ctx = await openContext(config);
    await seedDemo(ctx.db, ctx.dataKeys);
    const actor = (username: string) => demoActor(ctx!.db.kysely, username);
    const actors = {
      officer: await actor('gulou.officer'),
      reviewer: await actor('echeng.reviewer'),
      approver: await actor('city.approver'),
      auditor: await actor('auditadmin'),
    };
    const pages = (s: CatalogSubtype) => s.materials.filter((m) => m.required).reduce((n, m) => n + m.minPages, 0);
    // The one with the fewest required pages: preparing the cases is most of the section's time.
    const [subtype] = ctx.catalogs
      .current(ctx.now())
      .categories.flatMap((c) => c.subtypes)
      .filter((s) => s.approvalChain.join(',') === BRANCH_THEN_CITY)
      .sort((a, b) => pages(a) - pages(b));
    if (!subtype) throw new Error(`the catalog in force has no sub-type with the chain ${BRANCH_THEN_CITY}`);
    return await run({ scratch, ctx, actors, subtype });
  } finally {
    if (ctx) await closeContext(ctx);
    await scratch.dispose();
  }
}

/** Runs `work` in a transaction that is always rolled back: for timing what an act reads, leaving no trace. */
export async function inRolledBackTransaction<T>(ctx: AppContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await ctx.db.kysely.startTransaction().execute();
  try {
    return await work(tx);
  } finally {
    await tx.rollback().execute();
  }
}
