import type { Db } from '../../db/database.ts';
import { caseValueContext } from './case-protection.ts';
import { DataKeyConfigError } from './data-keys.ts';
import { blindIndexKeyId, type KeyRing, ProtectedValueError, protectedValueKeyId } from './id-protection.ts';
import { findNewestIndexedCase } from './id-protection.repo.ts';

/**
 * Refuses to start when the configured keys do not fit the stored data: a lost key file replaced
 * by a fresh one, a key left out of HUKOU_DATA_KEYS, a wrong secret under the right id, or a blind
 * index key that differs from the one the rows were indexed with (every search by ID number would
 * then silently find nothing). One row, the newest, is checked: cheap at every start, and it is the
 * row most likely written under the current keys. Nothing is converted before this passes, so
 * plain rows are never protected under keys that do not match the rest.
 */
export async function checkKeysAgainstStoredRows(db: Db, ring: KeyRing): Promise<void> {
  const row = await findNewestIndexedCase(db.kysely);
  if (!row) return;
  let idNumber: string;
  try {
    idNumber = ring.open(row.applicant_id_number, caseValueContext(row.id, 'applicant_id_number'));
    ring.open(row.fields, caseValueContext(row.id, 'fields'));
  } catch (error) {
    if (!(error instanceof ProtectedValueError)) throw error;
    const keyId = error.keyId ?? protectedValueKeyId(row.applicant_id_number) ?? '?';
    if (error.reason === 'unknown_key') {
      throw new DataKeyConfigError(
        `业务 ${row.id} 的数据由密钥 ${keyId} 加密，但未配置该密钥`,
        `case ${row.id} is protected under key '${keyId}', which is not configured`,
      );
    }
    throw new DataKeyConfigError(
      `业务 ${row.id} 的数据无法用所配置的密钥 ${keyId} 解开（密钥内容不符或数据被篡改）`,
      `case ${row.id} does not open under the configured key '${keyId}' (a different secret, or altered data)`,
    );
  }
  const indexKey = blindIndexKeyId(row.applicant_id_index!) ?? '?';
  if (!ring.hasIndexKey(indexKey)) {
    throw new DataKeyConfigError(
      `业务 ${row.id} 的盲索引由密钥 ${indexKey} 计算，须在 HUKOU_DATA_INDEX_KEYS 中配置`,
      `case ${row.id} is indexed under key '${indexKey}', which HUKOU_DATA_INDEX_KEYS must name`,
    );
  }
  if (ring.blindIndexUnder(indexKey, idNumber) !== row.applicant_id_index) {
    throw new DataKeyConfigError(
      `盲索引密钥 ${indexKey} 与计算现有索引所用的不同`,
      `the blind-index key '${indexKey}' differs from the one the stored index was computed with`,
    );
  }
}
