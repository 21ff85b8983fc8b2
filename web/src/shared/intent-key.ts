import { useMemo, useRef } from 'react';
import { newIdempotencyKey } from '../api/client.ts';

/**
 * One idempotency key per intent (server/modules/idempotency): asking again for the same intent
 * (a retry after a lost answer) reuses it; a different intent or a finished one gets a new key.
 */
export function useIntentKey() {
  const current = useRef<{ intent: string; key: string } | null>(null);
  // The same object on every render, so it can sit in an effect's dependencies.
  return useMemo(
    () => ({
      keyFor(intent: string): string {
        if (current.current?.intent !== intent) current.current = { intent, key: newIdempotencyKey() };
        return current.current.key;
      },
      done(): void {
        current.current = null;
      },
    }),
    [],
  );
}
