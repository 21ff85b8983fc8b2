import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { App, Button, type FormInstance, Tooltip } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useConfirmAct } from '../admin/ConfirmActModal.tsx';
import { useT } from '../i18n/messages.ts';
import { useIntentKey } from './intent-key.ts';
import { useShortcuts } from './keyboard.ts';
import { sharedMessages } from './messages.ts';

/**
 * Settings saved as a whole (the security policy, the warning rules): the form shows what the server
 * holds and follows it when it changes (after a save, the server's answer), knows whether what is
 * typed differs from it, and gives the settings to send only when every field is within bounds.
 * `shape` puts the form's values in the schema's shape and order, as the server answers them.
 */
export function useSettingsEditing<T extends object>(form: FormInstance<T>, loaded: T | undefined, shape: (values: T) => T) {
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!loaded) return;
    form.setFieldsValue(loaded);
    setDirty(false);
  }, [loaded, form]);

  const current = () => shape(form.getFieldsValue(true) as T);
  return {
    dirty,
    onChange: () => setDirty(JSON.stringify(current()) !== JSON.stringify(loaded)),
    reset: () => {
      if (loaded) form.setFieldsValue(loaded);
      setDirty(false);
    },
    /** The settings to send; null when nothing changed, or when a field says beside it what is wrong. */
    checked: async (): Promise<T | null> => {
      if (!dirty) return null;
      try {
        await form.validateFields({ recursive: true });
      } catch {
        return null;
      }
      return current();
    },
  };
}

/** Undo and save beside the page's title; Alt+S saves. Both wait for a change. */
export function SettingsActions({ dirty, saveText, onSave, onReset }: { dirty: boolean; saveText: string; onSave: () => void; onReset: () => void }) {
  const t = useT(sharedMessages);
  useShortcuts({ 'Alt+KeyS': onSave });
  return (
    <>
      <Button icon={<UndoOutlined />} disabled={!dirty} onClick={onReset}>
        {t('settingsReset')}
      </Button>
      <Tooltip title={dirty ? t('withShortcut', { action: saveText, keys: 'Alt+S' }) : t('settingsUnchanged')}>
        <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} onClick={onSave}>
          {saveText}
        </Button>
      </Tooltip>
    </>
  );
}

export interface SettingsSave<T> {
  queryKey: QueryKey;
  /** Sends the settings under the idempotency key and answers the server's view of them. */
  put: (body: T, idempotencyKey: string) => Promise<unknown>;
  texts: { title: string; body: string; okText: string; saved: string };
}

/**
 * Saving settings after a confirmation: the server's refusal shows in the dialog with everything
 * typed kept; a retry of the same settings reuses its idempotency key; the server's answer becomes
 * what the page shows. Render `dialog` once in the page.
 */
export function useSettingsSave<T extends object>(
  checked: () => Promise<T | null>,
  save: SettingsSave<T>,
): { askSave: () => Promise<void>; dialog: ReactNode } {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const confirm = useConfirmAct(intent);

  const askSave = async () => {
    const body = await checked();
    if (!body) return;
    const intentName = JSON.stringify(body);
    confirm.ask({
      intent: intentName,
      title: save.texts.title,
      body: save.texts.body,
      okText: save.texts.okText,
      run: async () => {
        const saved = await save.put(body, intent.keyFor(intentName));
        intent.done();
        queryClient.setQueryData(save.queryKey, saved);
        void message.success(save.texts.saved);
      },
    });
  };

  return { askSave, dialog: confirm.dialog };
}
