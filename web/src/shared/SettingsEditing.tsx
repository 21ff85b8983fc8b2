import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, type FormInstance, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/messages.ts';
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
