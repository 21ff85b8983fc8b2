import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../blobs/digests.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { CatalogSchema } from './catalog.schema.ts';
import { findCatalogVersion, insertCatalogVersion } from './catalog.repo.ts';

export const SHIPPED_CATALOG_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/**
 * Loads every catalog file not yet in the database. A version, once loaded, is frozen: a file
 * whose content differs from the loaded version of the same name stops the start-up, because
 * cases accepted under that version must keep meaning what they meant.
 */
export async function loadCatalogFiles(db: Db, dir = SHIPPED_CATALOG_DIR, now = new Date()): Promise<string[]> {
  const loaded: string[] = [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    const catalog = CatalogSchema.parse(JSON.parse(content));
    const sha256 = sha256Hex(content);
    const existing = await findCatalogVersion(db.kysely, catalog.version);
    if (existing) {
      if (existing.sha256 !== sha256) {
        throw new Error(`Catalog ${catalog.version} in ${file} differs from the version already loaded; publish changes as a new version`);
      }
      continue;
    }
    const at = now.toISOString();
    await inTransaction(db, async (tx) => {
      await insertCatalogVersion(tx, {
        version: catalog.version,
        title: catalog.title,
        effective_from: catalog.effectiveFrom,
        sha256,
        content,
        loaded_at: at,
      });
      await appendAuditEvent(tx, {
        at,
        actorId: null,
        actorUnitId: null,
        action: 'catalog.load',
        objectType: 'catalog',
        objectId: catalog.version,
        outcome: 'ok',
        detail: { file, sha256 },
      });
    });
    loaded.push(catalog.version);
  }
  return loaded;
}
