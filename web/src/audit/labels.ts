import { useCallback } from 'react';
import { ERROR_CATALOG } from '../../../server/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { auditActionMessages, auditMessages } from './messages.ts';

type AuditKey = keyof (typeof auditMessages)['zh-CN'];

function isKey<K extends string>(table: Record<K, unknown>, key: string): key is K {
  return Object.hasOwn(table, key);
}

/**
 * Words for the codes the trail stores. The trail shows whatever was stored, so a code this version
 * does not know (an older row, or one altered by hand) is shown as it is rather than hidden.
 */
export function useAuditLabels() {
  const t = useT(auditMessages);
  const ta = useT(auditActionMessages);
  const bilingual = useBilingual();
  const zh = auditActionMessages['zh-CN'];
  const keys = auditMessages['zh-CN'];
  const action = useCallback((code: string) => (isKey(zh, code) ? ta(code) : code), [ta, zh]);
  const family = useCallback(
    (name: string) => {
      const key = `family.${name}`;
      return isKey(zh, key) ? ta(key) : name;
    },
    [ta, zh],
  );
  const known = useCallback(
    (prefix: string, code: string, fallback: string) => {
      const key = `${prefix}${code}`;
      return isKey<AuditKey>(keys, key) ? t(key) : fallback;
    },
    [t, keys],
  );
  return {
    action,
    family,
    /** An action filter value: one action, or a family ending in a dot. */
    actionFilter: (value: string) => (value.endsWith('.') ? t('actionFamily', { family: family(value.slice(0, -1)) }) : action(value)),
    outcome: (code: string) => known('outcome_', code, code),
    outcomeHint: (code: string) => known('outcomeHint_', code, ''),
    objectType: (code: string) => known('object_', code, code),
    problem: (kind: string) => known('problem_', kind, t('problemUnknown')),
    /** A refusal's reason in words: a policy's reason, an error's message, or the words a person wrote. */
    reason: (reason: string) => {
      const error = isKey(ERROR_CATALOG, reason) ? ERROR_CATALOG[reason] : null;
      return known('reason_', reason, error ? bilingual(error) : reason);
    },
  };
}

export type AuditLabels = ReturnType<typeof useAuditLabels>;
