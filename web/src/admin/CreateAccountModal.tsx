import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { type IssuedPassword, type PublicUnit, type Role, roleLabel, rolesFor } from './admin-data.ts';
import { adminMessages } from './messages.ts';
import { UnitSelect } from './UnitSelect.tsx';
import { useIntentKey } from '../shared/intent-key.ts';

interface AccountValues {
  username: string;
  displayName: string;
  unitId: string;
  role: Role;
}

/** The same rule the server applies (admin.schema.ts), so a wrong name is said before sending. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Opening a business account: the role offered fits the unit chosen; the answer carries its temporary password. */
export function CreateAccountModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (issued: IssuedPassword) => void;
}) {
  if (!open) return null;
  return <CreateAccountDialog onClose={onClose} onCreated={onCreated} />;
}

function CreateAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (issued: IssuedPassword) => void }) {
  const t = useT(adminMessages);
  const bilingual = useBilingual();
  const intent = useIntentKey();
  const [form] = Form.useForm<AccountValues>();
  const [unit, setUnit] = useState<PublicUnit | undefined>();
  const roles = rolesFor(unit?.kind);

  const submit = async (values: AccountValues) => {
    const body = { username: values.username.trim(), displayName: values.displayName.trim(), unitId: values.unitId, role: values.role };
    const key = intent.keyFor(JSON.stringify(body));
    const issued = await unwrap(api.POST('/api/admin/users', { body, headers: { 'Idempotency-Key': key } }));
    intent.done();
    onCreated(issued);
  };

  return (
    <FormModal<AccountValues>
      name="createAccount"
      form={form}
      title={t('createUserTitle')}
      okText={t('createUserSubmit')}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item
        name="username"
        label={t('username')}
        extra={t('usernameHint')}
        normalize={(value: string) => value.toLowerCase()}
        rules={[
          { required: true, message: t('usernameRequired') },
          { pattern: USERNAME, message: t('usernameInvalid') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" autoFocus spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('displayName')}
        extra={t('displayNameHint')}
        rules={[{ required: true, whitespace: true, message: t('displayNameRequired') }]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="unitId" label={t('unit')} rules={[{ required: true, message: t('unitRequired') }]}>
        <UnitSelect
          onChange={(_, chosen) => {
            setUnit(chosen);
            // A role chosen for another level no longer fits.
            if (!rolesFor(chosen?.kind).includes(form.getFieldValue('role') as Role)) form.setFieldValue('role', undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('role')}
        extra={unit ? t('roleFitsHint') : t('roleHintPickUnit')}
        rules={[{ required: true, message: t('roleRequired') }]}
      >
        <Select disabled={!unit} options={roles.map((role) => ({ value: role, label: bilingual(roleLabel(role)) }))} />
      </Form.Item>
    </FormModal>
  );
}
