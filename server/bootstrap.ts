import { FsBlobStore } from './blobs/fs-store.ts';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { CatalogRegistry } from './modules/catalog/catalog-registry.ts';
import { loadCatalogFiles } from './modules/catalog/load-shipped-catalogs.ts';

/** Opens storage, applies migrations and loads the shipped catalog versions. */
export async function openContext(config: AppConfig, now: () => Date = () => new Date()): Promise<AppContext> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  await loadCatalogFiles(db, undefined, now());
  const catalogs = await CatalogRegistry.load(db.kysely);
  return { db, blobs: new FsBlobStore(config.blobDir), config, catalogs, now };
}

/** Closes what openContext opened: blob writers first, so nothing writes into a closed archive. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.blobs.close();
  await ctx.db.close();
}
