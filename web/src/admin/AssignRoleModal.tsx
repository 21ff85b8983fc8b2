import { Descriptions, Flex, Form, Select, Typography, theme } from 'antd';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
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
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const intent = useIntentKey();
  const unitName = bilingual({ zh: user.unitName, en: user.unitNameEn });

  const submit = async ({ role }: { role: Role }) => {
    const key = intent.keyFor(`${user.id}:${role}`);
    const updated = await unwrap(
      api.POST('/api/admin/users/{id}/role', { params: { path: { id: user.id } }, body: { role }, headers: { 'Idempotency-Key': key } }),
    );
    intent.done();
    onAssigned(updated);
  };

  return (
    <FormModal<{ role: Role }>
      name="assignRole"
      title={t('assignRoleTitle', { username: user.username })}
      okText={t('assignRoleSubmit')}
      maskClosable
      onSubmit={submit}
      onCancel={onClose}
      errorStyle={{ marginTop: token.marginSM }}
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
        <Typography.Text type="secondary">{t('assignRoleHint', { unit: unitName })}</Typography.Text>
      </Flex>
    </FormModal>
  );
}
