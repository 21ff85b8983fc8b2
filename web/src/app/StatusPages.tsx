import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/messages.ts';
import { appMessages } from './messages.ts';

export function NotFoundPage() {
  const t = useT(appMessages);
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={t('notFoundBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('goHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const t = useT(appMessages);
  return (
    <Result
      status="403"
      title={t('forbiddenTitle')}
      subTitle={t('forbiddenBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('goHome')}</Button>
        </Link>
      }
    />
  );
}

export function PageErrorResult() {
  const t = useT(appMessages);
  return <Result status="error" title={t('pageError')} extra={<Button onClick={() => window.location.reload()}>{t('reload')}</Button>} />;
}
