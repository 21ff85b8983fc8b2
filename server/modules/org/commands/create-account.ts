import { randomUUID } from 'node:crypto';
import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageAccounts } from '../org.policy.ts';
import { findUnitById, findUserByUsername, findUserWithUnit, insertUser } from '../org.repo.ts';
import { generateTemporaryPassword, hashPassword } from '../password.ts';
import { presentAdminUser } from '../present-account.ts';
import { isAdministratorRole, isRole, ROLES, roleFitsUnitKind } from '../roles.ts';
import { loadSecurityPolicy } from '../security-policy.repo.ts';
import { answerIssuedPassword, type IssuedPassword, type StoredIssue } from './issued-password.ts';

export interface CreateAccountInput {
  username: string;
  displayName: string;
  unitId: string;
  role: string;
}

/**
 * The system administrator opens an account with a business role that fits its unit, and gets a
 * temporary password, once, which the new user must replace at the first sign-in. Administrator
 * accounts are never created here (三员分立): there are three, made at installation.
 */
export async function createAccount(ctx: AppContext, actor: Actor, input: CreateAccountInput, idempotencyKey: string): Promise<IssuedPassword> {
  const target = { action: 'admin.user_create' as const, objectType: 'user', objectId: null };
  const { policy } = await loadSecurityPolicy(ctx.db.kysely);
  const temporaryPassword = generateTemporaryPassword(policy.password.minLength);
  // Hashed before the act's transaction: argon2 takes tens of milliseconds, which the one SQLite
  // writer would otherwise be held for. Nobody else's refusal costs a hash.
  const passwordHash = canManageAccounts(actor) ? await hashPassword(temporaryPassword) : '';
  const issue = randomUUID();
  const stored = await runAct<StoredIssue>(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'user_create', body: input } }, async (tx) => {
    if (!canManageAccounts(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const { role } = input;
    if (!isRole(role)) throw new AppError('VALIDATION_FAILED', { field: 'role' });
    if (isAdministratorRole(role)) throw forbidden('ADMINISTRATOR_ROLE');
    const at = ctx.now().toISOString();
    const unit = await findUnitById(tx, input.unitId);
    if (!unit) throw new AppError('NOT_FOUND', { unitId: input.unitId });
    if (!roleFitsUnitKind(role, unit.kind))
      throw new AppError('ROLE_UNIT_MISMATCH', { role, unitKind: unit.kind, roleUnitKind: ROLES[role].unitKind });
    if (await findUserByUsername(tx, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username });
    const id = await insertUser(
      tx,
      { username: input.username, displayName: input.displayName, unitId: unit.id, role, passwordHash, mustChangePassword: true },
      at,
    );
    const created = await findUserWithUnit(tx, id);
    if (!created) throw new AppError('NOT_FOUND', { userId: id });
    return {
      result: { user: presentAdminUser(created), issue },
      at,
      audit: { objectId: id, detail: { username: input.username, displayName: input.displayName, unitId: unit.id, role } },
    };
  });
  return answerIssuedPassword(stored, issue, temporaryPassword);
}
