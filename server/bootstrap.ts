import { openBlobStore } from './blobs/open-blob-store.ts';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { CatalogRegistry } from './modules/catalog/catalog-registry.ts';
import { loadCatalogFiles } from './modules/catalog/load-shipped-catalogs.ts';
import { loadDataKeys } from './modules/population/data-keys.ts';
import { protectExistingRows } from './modules/population/protect-existing-rows.ts';
import { signingProviderFor } from './modules/seals/signing-provider-for.ts';
import { closeSmsGateway } from './modules/notify/gateways/gateway-for.ts';

/**
 * Opens storage, applies migrations, encrypts any personal data still in plain text (the data
 * step after migration 0005, which needs the keys a migration cannot have) and loads the shipped
 * catalog versions. Keys are loaded first, so a missing key stops the start before anything opens;
 * then the blob store, so an unreachable bucket stops it before any migration runs.
 */
export async function openContext(config: AppConfig, now: () => Date = () => new Date()): Promise<AppContext> {
  const warn = config.logLevel === 'silent' ? () => {} : (message: string) => console.warn(message);
  const { ring: dataKeys } = loadDataKeys(config.dataKeys, warn);
  const blobs = await openBlobStore(config.blobStore);
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  await protectExistingRows(db, dataKeys, { log: warn });
  await loadCatalogFiles(db, undefined, now());
  const catalogs = await CatalogRegistry.load(db.kysely);
  return { db, blobs, config, catalogs, dataKeys, signing: signingProviderFor(config), now };
}

/** Closes what openContext opened: blob writers first, so nothing writes into a closed archive. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await closeSmsGateway(ctx);
  await ctx.blobs.close();
  await ctx.db.close();
}
