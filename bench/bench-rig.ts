import path from 'node:path';
import { type Db, openDatabase } from '../server/db/database.ts';
import { CatalogRegistry } from '../server/modules/catalog/catalog-registry.ts';
import type { Catalog } from '../server/modules/catalog/catalog.schema.ts';
import { HttpDriver } from './http-driver.ts';
import type { BenchOptions, DatabaseKind } from './options.ts';
import { PageSweeper } from './page-sweeper.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-db.ts';
import { type RunningServer, startServer } from './server-handle.ts';

/** What every measured section runs against: a fresh scratch database, the real server on it, a client. */
export interface BenchRig {
  scratch: ScratchDatabase;
  server: RunningServer;
  db: Db;
  driver: HttpDriver;
  /** Deletes uploaded page files after a while (not started: a section starts it when its uploads begin). */
  sweeper: PageSweeper;
  catalog: Catalog;
}

/** Sets up a rig, runs a section on it, and takes everything down again whatever happens. */
export async function withBenchRig<T>(kind: DatabaseKind, options: BenchOptions, run: (rig: BenchRig) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(kind, options.pgAdminUrl);
  const server = await startServer(scratch).catch(async (error: unknown) => {
    await scratch.dispose();
    throw error;
  });
  const db = openDatabase(scratch.config);
  const driver = new HttpDriver(server.baseUrl);
  const sweeper = new PageSweeper(path.join(scratch.dir, 'blobs'), options.pageKeepSeconds * 1000, !options.keepPages);
  try {
    const catalog = (await CatalogRegistry.load(db.kysely)).current(new Date());
    return await run({ scratch, server, db, driver, sweeper, catalog });
  } finally {
    await sweeper.stop().catch(() => undefined);
    driver.close();
    await server.stop();
    await db.close();
    await scratch.dispose();
  }
}
