import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import { childKindOf } from '../../../server/modules/org/unit-tree.ts';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ADMIN_UNITS_KEY, type AdminUnit } from './admin-data.ts';
import { adminMessages } from './messages.ts';
import { useIntentKey } from '../shared/intent-key.ts';

/** Create a unit below `parent`, or rename `unit`. */
export type UnitEdit = { mode: 'create'; parent: AdminUnit } | { mode: 'rename'; unit: AdminUnit };

interface UnitValues {
  code?: string;
  casePrefix?: string;
  name: string;
  nameEn: string;
}

export function UnitFormModal({ edit, onClose }: { edit: UnitEdit | null; onClose: () => void }) {
  if (!edit) return null;
  // A dialog of its own for each edit: a fresh form, no values left over from the last one.
  return <UnitFormDialog key={edit.mode === 'create' ? `create:${edit.parent.id}` : `rename:${edit.unit.id}`} edit={edit} onClose={onClose} />;
}

function UnitFormDialog({ edit, onClose }: { edit: UnitEdit; onClose: () => void }) {
  const t = useT(adminMessages);
  const bilingual = useBilingual();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();

  const kind = edit.mode === 'create' ? childKindOf(edit.parent.kind) : edit.unit.kind;
  const kindLabel = kind ? t(`kind_${kind}`) : '';
  const unitName = (unit: AdminUnit) => bilingual({ zh: unit.name, en: unit.nameEn });

  const submit = async (values: UnitValues) => {
    if (edit.mode === 'create' && kind) {
      const body = {
        parentId: edit.parent.id,
        kind,
        code: values.code ?? '',
        casePrefix: values.casePrefix ?? '',
        name: values.name,
        nameEn: values.nameEn,
      };
      const key = intent.keyFor(JSON.stringify(body));
      const created = await unwrap(api.POST('/api/admin/units', { body, headers: { 'Idempotency-Key': key } }));
      void message.success(t('unitCreated', { name: unitName(created) }));
    } else if (edit.mode === 'rename') {
      const body = { name: values.name, nameEn: values.nameEn };
      const key = intent.keyFor(JSON.stringify([edit.unit.id, body]));
      const renamed = await unwrap(
        api.PATCH('/api/admin/units/{id}', { params: { path: { id: edit.unit.id } }, body, headers: { 'Idempotency-Key': key } }),
      );
      void message.success(t('unitRenamed', { name: unitName(renamed) }));
    }
    intent.done();
    void queryClient.invalidateQueries({ queryKey: ADMIN_UNITS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['units'] });
    onClose();
  };

  return (
    <FormModal<UnitValues>
      name="unitForm"
      title={edit.mode === 'create' ? t('unitCreateTitle', { kind: kindLabel }) : t('unitRenameTitle')}
      okText={edit.mode === 'create' ? t('unitCreate') : t('unitRenameSave')}
      maskClosable
      initialValues={edit.mode === 'rename' ? { name: edit.unit.name, nameEn: edit.unit.nameEn } : undefined}
      onSubmit={submit}
      onCancel={onClose}
    >
      {edit.mode === 'create' ? (
        <>
          <Form.Item label={t('unitCreateParent')}>
            <Typography.Text strong>{unitName(edit.parent)}</Typography.Text>
          </Form.Item>
          <Form.Item
            name="code"
            label={t('unitCode')}
            extra={t('unitCodeHint')}
            rules={[{ required: true, pattern: /^\d{12}$/, message: t('unitCodeInvalid') }]}
          >
            <Input maxLength={12} inputMode="numeric" autoComplete="off" autoFocus />
          </Form.Item>
        </>
      ) : (
        <Form.Item label={t('unitCode')}>
          <Typography.Text>{edit.unit.code}</Typography.Text>
        </Form.Item>
      )}
      <Form.Item name="name" label={t('unitName')} rules={[{ required: true, whitespace: true, message: t('unitNameRequired') }]}>
        <Input maxLength={64} autoComplete="off" autoFocus={edit.mode === 'rename'} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('unitNameEn')} rules={[{ required: true, whitespace: true, message: t('unitNameEnRequired') }]}>
        <Input maxLength={128} autoComplete="off" />
      </Form.Item>
      {edit.mode === 'create' && (
        <Form.Item
          name="casePrefix"
          label={t('casePrefix')}
          extra={t('casePrefixHint')}
          rules={[{ required: true, pattern: /^\d{3}$/, message: t('casePrefixInvalid') }]}
        >
          <Input maxLength={3} inputMode="numeric" autoComplete="off" style={{ width: 120 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
