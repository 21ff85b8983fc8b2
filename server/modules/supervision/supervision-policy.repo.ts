import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { DEFAULT_SUPERVISION_POLICY, type SupervisionPolicy, SupervisionPolicySchema } from './supervision-policy.ts';

type Q = Kysely<Database> | Tx;

export interface StoredSupervisionPolicy {
  policy: SupervisionPolicy;
  /** False while the defaults are in force (nothing stored, or a stored row that does not parse). */
  stored: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * The policy in force: the stored one, or the defaults. A stored row that no longer parses (edited by
 * hand, or from a version with other bounds) falls back to the defaults rather than to no warnings.
 */
export async function loadSupervisionPolicy(db: Q): Promise<StoredSupervisionPolicy> {
  const row = await db.selectFrom('supervision_policy').selectAll().where('id', '=', 'current').executeTakeFirst();
  if (!row) return { policy: DEFAULT_SUPERVISION_POLICY, stored: false, updatedAt: null, updatedBy: null };
  let stored: unknown;
  try {
    stored = JSON.parse(row.policy);
  } catch {
    stored = undefined;
  }
  const parsed = SupervisionPolicySchema.safeParse(stored);
  if (!parsed.success) return { policy: DEFAULT_SUPERVISION_POLICY, stored: false, updatedAt: row.updated_at, updatedBy: row.updated_by };
  return { policy: parsed.data, stored: true, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export async function saveSupervisionPolicy(tx: Tx, policy: SupervisionPolicy, at: string, by: string): Promise<void> {
  const values = { policy: JSON.stringify(policy), updated_at: at, updated_by: by };
  await tx
    .insertInto('supervision_policy')
    .values({ id: 'current', ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
