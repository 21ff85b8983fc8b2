import type { Kysely } from 'kysely';
import type { CatalogVersionsTable, Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

export function listCatalogVersions(db: Q): Promise<CatalogVersionsTable[]> {
  return db.selectFrom('catalog_versions').selectAll().orderBy('effective_from').orderBy('version').execute();
}

export function findCatalogVersion(db: Q, version: string): Promise<CatalogVersionsTable | undefined> {
  return db.selectFrom('catalog_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function insertCatalogVersion(db: Q, row: CatalogVersionsTable): Promise<void> {
  await db.insertInto('catalog_versions').values(row).execute();
}
