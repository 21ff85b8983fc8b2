import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Form, Select, Typography, theme } from 'antd';
import { useDeferredValue, useState } from 'react';
import { SIGNING_ROLES } from '../../../server/modules/seals/seals.policy.ts';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { AdminUser } from '../admin/admin-data.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { useIntentKey } from '../shared/intent-key.ts';
import { sealMessages } from './messages.ts';

const SIGNING: ReadonlySet<string> = SIGNING_ROLES;

/**
 * Issues a personal certificate to an officer who holds none yet (the first one, in manual
 * enrolment): the accounts found by name, only those whose role decides, those already holding a
 * valid certificate shown but not chosen.
 */
export function EnrolOfficerModal({
  open,
  holders,
  onClose,
  onIssued,
}: {
  open: boolean;
  /** Accounts holding a valid certificate now. */
  holders: ReadonlySet<string>;
  onClose: () => void;
  onIssued: (user: AdminUser) => void;
}) {
  return open ? <Enrolling holders={holders} onClose={onClose} onIssued={onIssued} /> : null;
}

function Enrolling({ holders, onClose, onIssued }: { holders: ReadonlySet<string>; onClose: () => void; onIssued: (user: AdminUser) => void }) {
  const t = useT(sealMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const intent = useIntentKey();
  const [typed, setTyped] = useState('');
  const q = useDeferredValue(typed.trim());
  const accounts = useQuery({
    queryKey: ['admin', 'users', { q, disabled: 'false', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/admin/users', { params: { query: { ...(q ? { q } : {}), disabled: 'false', limit: 100 } } })),
    placeholderData: keepPreviousData,
  });
  const officers = (accounts.data?.users ?? []).filter((user) => !user.administrator && SIGNING.has(user.role));

  const submit = async ({ userId }: { userId: string }) => {
    const user = officers.find((officer) => officer.id === userId);
    await unwrap(
      api.POST('/api/admin/users/{id}/certificate', {
        params: { path: { id: userId } },
        headers: { 'Idempotency-Key': intent.keyFor(`issue:${userId}`) },
      }),
    );
    intent.done();
    if (user) onIssued(user);
  };

  return (
    <FormModal<{ userId: string }>
      name="enrolOfficer"
      title={t('enrolTitle')}
      okText={t('confirmIssue')}
      maskClosable
      holdWhileBusy
      onSubmit={submit}
      onCancel={onClose}
      errorStyle={{ marginTop: token.marginSM }}
    >
      <Flex vertical gap={token.marginSM}>
        <Typography.Text type="secondary">{t('enrolExplain')}</Typography.Text>
        <Form.Item name="userId" label={t('enrolAccount')} rules={[{ required: true, message: t('enrolAccountRequired') }]} style={{ margin: 0 }}>
          <Select
            autoFocus
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('enrolAccountPlaceholder')}
            loading={accounts.isFetching}
            notFoundContent={accounts.isPending ? undefined : t('enrolNoMatch')}
            options={officers.map((user) => {
              const label = t('enrolOption', {
                name: user.displayName,
                username: user.username,
                unit: bilingual({ zh: user.unitName, en: user.unitNameEn }),
                role: bilingual(user.roleLabel),
              });
              const holds = holders.has(user.id);
              return { value: user.id, label: holds ? t('enrolHolding', { option: label }) : label, disabled: holds };
            })}
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
