import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { appendAuditEvent } from '../../audit/audit.repo.ts';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo-organisation.ts';
import { countUsers, insertUnit, insertUser } from '../org.repo.ts';
import { hashPassword } from '../password.ts';
import type { KeyRing } from '../../population/id-protection.ts';
import { ensureAuthority } from '../../seals/seal-authority.ts';

/**
 * Creates the demo organisation and accounts on an empty database, with the local seal authority's
 * root and seal maker (units' seals and officers' certificates follow when first needed, or from
 * the security administrator); does nothing otherwise.
 */
export async function seedDemo(db: Db, keys: KeyRing, now = new Date()): Promise<boolean> {
  if ((await countUsers(db.kysely)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();
  const paths = new Map<string, string>();
  await inTransaction(db, async (tx) => {
    for (const unit of DEMO_UNITS) {
      const path = `${unit.parent ? paths.get(unit.parent) : '/'}${unit.code}/`;
      paths.set(unit.code, path);
      await insertUnit(tx, {
        id: unit.code,
        code: unit.code,
        name: unit.name,
        name_en: unit.nameEn,
        kind: unit.kind,
        parent_id: unit.parent,
        path,
        case_prefix: unit.casePrefix,
      });
    }
    for (const user of DEMO_USERS) {
      await insertUser(tx, { username: user.username, displayName: user.displayName, unitId: user.unit, role: user.role, passwordHash }, at);
    }
    await ensureAuthority(tx, keys, now);
    await appendAuditEvent(tx, {
      at,
      actorId: null,
      actorUnitId: null,
      action: 'org.seed',
      objectType: 'organisation',
      objectId: null,
      outcome: 'ok',
      detail: { units: DEMO_UNITS.length, users: DEMO_USERS.length },
    });
  });
  return true;
}
