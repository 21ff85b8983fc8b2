import type { BlobStore } from './blobs/blob-store.ts';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { CatalogRegistry } from './modules/catalog/catalog-registry.ts';

/** What every use case needs: storage, the catalog, settings and a clock tests can set. */
export interface AppContext {
  db: Db;
  blobs: BlobStore;
  config: AppConfig;
  catalogs: CatalogRegistry;
  now(): Date;
}
