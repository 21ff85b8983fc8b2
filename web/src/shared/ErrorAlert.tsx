import { Alert, Button } from 'antd';
import { ApiError } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { sharedMessages } from './messages.ts';

/** The server's own message for what went wrong (never a code or a stack trace), with a retry when it helps. */
export function errorMessage(error: unknown, t: ReturnType<typeof useT<keyof (typeof sharedMessages)['zh-CN']>>): string {
  if (error instanceof ApiError) {
    if (error.code === 'AUTH_REQUIRED') return t('sessionEnded');
    return error.code === 'NETWORK_ERROR' || !error.message ? t('networkError') : error.message;
  }
  return t('unknownError');
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(sharedMessages);
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function useErrorMessage(): (error: unknown) => string {
  const t = useT(sharedMessages);
  return (error: unknown) => errorMessage(error, t);
}
