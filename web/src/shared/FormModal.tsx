import { Alert, Form, Modal, type ButtonProps, type FormInstance, type FormProps, type ModalProps } from 'antd';
import { type CSSProperties, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { useErrorMessage } from './ErrorAlert.tsx';
import { sharedMessages } from './messages.ts';

export interface FormModalProps<Values> extends Pick<ModalProps, 'closable' | 'keyboard' | 'cancelText' | 'footer'> {
  /** Names the form, so the OK button in the footer submits it; unique on the page. */
  name: string;
  title: ReactNode;
  okText: ReactNode;
  /**
   * Sends what was entered. A refusal it throws is shown in the dialog, which stays open with what
   * was typed; closing on success is the caller's (some dialogs show an answer instead).
   */
  onSubmit: (values: Values) => Promise<void>;
  onCancel: () => void;
  /** A refusal the page shows its own way (a conflict it explains): true when it took care of it. */
  onRefused?: (cause: unknown) => boolean;
  /** The caller's form, when it reads or sets fields itself. */
  form?: FormInstance<Values>;
  initialValues?: FormProps<Values>['initialValues'];
  requiredMark?: boolean;
  /** Shown and hidden with its state kept; a dialog mounted only while needed leaves it out. */
  open?: boolean;
  danger?: boolean;
  okButtonProps?: ButtonProps;
  /** A click beside the dialog closes it, unless something is being sent. */
  maskClosable?: boolean;
  /** Nothing closes the dialog while it sends: the act may already be done when the answer comes. */
  holdWhileBusy?: boolean;
  /** Field messages wait for the first OK, so a reason is not called too short while it is typed. */
  quietUntilSubmit?: boolean;
  errorStyle?: CSSProperties;
  children: ReactNode;
}

/**
 * A dialog that sends a form: one send at a time with the OK button loading, Ctrl+Enter (⌘+Enter)
 * sends from anywhere in it and Enter from a one-line field, and the server's refusal appears in
 * the dialog, in its own words, beside what was typed. Closing it empties it.
 */
export function FormModal<Values = Record<string, never>>(props: FormModalProps<Values>) {
  const { name, onSubmit, onCancel, onRefused, open = true, maskClosable = false, holdWhileBusy = false } = props;
  const ts = useT(sharedMessages);
  const describe = useErrorMessage();
  const [ownForm] = Form.useForm<Values>();
  const form = props.form ?? ownForm;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Set by the first OK: from then on a quiet form says what is wrong as it is corrected.
  const tried = useRef(false);
  // State updates land a render later: a second Enter before then must not send again.
  const sending = useRef(false);

  const submit = async (values: Values) => {
    tried.current = true;
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (cause) {
      if (!onRefused?.(cause)) setError(describe(cause));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const sendOnCtrlEnter = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.nativeEvent.isComposing) return;
    event.preventDefault();
    form.submit();
  };

  return (
    <Modal
      open={open}
      title={props.title}
      okText={props.okText}
      cancelText={props.cancelText ?? ts('cancel')}
      okButtonProps={{ ...props.okButtonProps, danger: props.danger, loading: busy, htmlType: 'submit', form: name }}
      onCancel={holdWhileBusy && busy ? undefined : onCancel}
      maskClosable={maskClosable && !busy}
      closable={props.closable}
      keyboard={props.keyboard}
      footer={props.footer}
      // A dialog kept mounted opens again empty, without the last one's words or refusal.
      afterClose={() => {
        form.resetFields();
        tried.current = false;
        setError(null);
      }}
      destroyOnHidden
    >
      <Form<Values>
        name={name}
        form={form}
        layout="vertical"
        requiredMark={props.requiredMark ?? false}
        initialValues={props.initialValues}
        // Fixed for the form's life: a field made before a change of trigger would keep the old one.
        validateTrigger={props.quietUntilSubmit ? false : 'onChange'}
        onValuesChange={(changed: object) => {
          if (props.quietUntilSubmit && tried.current) form.validateFields(Object.keys(changed)).catch(() => undefined);
        }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={() => (tried.current = true)}
        onKeyDown={sendOnCtrlEnter}
      >
        {props.children}
        {error && <Alert type="error" showIcon role="alert" title={error} style={props.errorStyle} />}
      </Form>
    </Modal>
  );
}
