import type { BlobStore } from './blobs/blob-store.ts';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { CatalogRegistry } from './modules/catalog/catalog-registry.ts';
import type { KeyRing } from './modules/population/id-protection.ts';
import type { SigningProvider } from './modules/seals/signing-provider.ts';

/** What every use case needs: storage, the catalog, the data keys, settings and a clock tests can set. */
export interface AppContext {
  db: Db;
  blobs: BlobStore;
  config: AppConfig;
  catalogs: CatalogRegistry;
  /** Keys for personal data at rest (population/id-protection.ts). */
  dataKeys: KeyRing;
  /** Who signs decisions: the keys held here, or the province's seal system (seals/). */
  signing: SigningProvider;
  now(): Date;
}
