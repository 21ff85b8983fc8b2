import { createCheckpoint } from '../../server/modules/audit/checkpoints/create-checkpoint.ts';
import { AUDIT_ADMIN_ONLY, type MatrixRow } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

/** A checkpoint covering the trail as it is now (the rows before may have added events). */
async function signedSize(env: TestEnv): Promise<number> {
  const made = await createCheckpoint(env.ctx, 'demand');
  if (!made) throw new Error('the trail is empty');
  return made.checkpoint.tree_size;
}

/** Routes of the trail's signed checkpoints (server/modules/audit/checkpoints/). */
export const AUDIT_CHECKPOINT_ROWS: Record<string, MatrixRow> = {
  'GET /api/audit/checkpoints': { expect: AUDIT_ADMIN_ONLY, setup: async () => ({ url: '/api/audit/checkpoints' }) },
  'POST /api/audit/checkpoints': { expect: AUDIT_ADMIN_ONLY, setup: async () => ({ url: '/api/audit/checkpoints' }) },
  'GET /api/audit/events/:seq/proof': {
    expect: AUDIT_ADMIN_ONLY,
    setup: async (env) => ({ url: `/api/audit/events/2/proof?treeSize=${await signedSize(env)}` }),
  },
  'GET /api/audit/consistency': {
    expect: AUDIT_ADMIN_ONLY,
    setup: async (env) => {
      const first = await signedSize(env);
      return { url: `/api/audit/consistency?first=${first}&second=${await signedSize(env)}` };
    },
  },
};
