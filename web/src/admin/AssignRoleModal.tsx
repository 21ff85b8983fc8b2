import { Alert, Descriptions, Flex, Form, Modal, Select, Typography, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { sharedMessages } from '../shared/messages.ts';
import { type AdminUser, type Role, roleLabel, rolesFor } from './admin-data.ts';
import { adminMessages } from './messages.ts';
import { useIntentKey } from '../shared/intent-key.ts';

/** The security administrator gives a business account another business role that fits its unit. */
export function AssignRoleModal({
  user,
  onClose,
  onAssigned,
}: {
  user: AdminUser | null;
  onClose: () => void;
  onAssigned: (user: AdminUser) => void;
}) {
  if (!user) return null;
  return <AssignRoleDialog key={user.id} user={user} onClose={onClose} onAssigned={onAssigned} />;
}

function AssignRoleDialog({ user, onClose, onAssigned }: { user: AdminUser; onClose: () => void; onAssigned: (user: AdminUser) => void }) {
  const t = useT(adminMessages);
  const ts = useT(sharedMessages);
  const bilingual = useBilingual();
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const intent = useIntentKey();
  const [form] = Form.useForm<{ role: Role }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unitName = bilingual({ zh: user.unitName, en: user.unitNameEn });

  const submit = async ({ role }: { role: Role }) => {
    setBusy(true);
    setError(null);
    try {
      const key = intent.keyFor(`${user.id}:${role}`);
      const updated = await unwrap(
        api.POST('/api/admin/users/{id}/role', { params: { path: { id: user.id } }, body: { role }, headers: { 'Idempotency-Key': key } }),
      );
      intent.done();
      onAssigned(updated);
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('assignRoleTitle', { username: user.username })}
      okText={t('assignRoleSubmit')}
      cancelText={ts('cancel')}
      okButtonProps={{ loading: busy, htmlType: 'submit', form: 'assignRole' }}
      onCancel={onClose}
      maskClosable={!busy}
      destroyOnHidden
    >
      <Flex vertical gap={token.marginSM}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'name', label: t('colDisplayName'), children: user.displayName },
            { key: 'unit', label: t('colUnit'), children: unitName },
            { key: 'role', label: t('assignRoleCurrent'), children: bilingual(user.roleLabel) },
          ]}
        />
        <Form<{ role: Role }> name="assignRole" form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
          <Form.Item
            name="role"
            label={t('assignRoleNew')}
            rules={[
              { required: true, message: t('roleRequired') },
              { validator: (_, value) => (value === user.role ? Promise.reject(new Error(t('assignRoleSame'))) : Promise.resolve()) },
            ]}
          >
            <Select
              autoFocus
              options={rolesFor(user.unitKind).map((role) => ({ value: role, label: bilingual(roleLabel(role)), disabled: role === user.role }))}
            />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('assignRoleHint', { unit: unitName })}</Typography.Text>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Flex>
    </Modal>
  );
}
