import { Flex, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useSession } from '../auth/session.ts';
import { SignInPage } from '../auth/SignInPage.tsx';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';

const ForcedPasswordChange = lazy(() => import('../auth/ForcedPasswordChange.tsx').then((m) => ({ default: m.ForcedPasswordChange })));

const centred = (content: ReactNode) => (
  <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
    {content}
  </Flex>
);

/** Nobody signed in: the sign-in page. A password to change first: that page alone. Otherwise the application. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return centred(<Spin size="large" />);
  if (session.isError) return centred(<ErrorAlert error={session.error} onRetry={() => void session.refetch()} />);
  if (!session.data) return <SignInPage />;
  if (session.data.mustChangePassword)
    return (
      <Suspense fallback={centred(<Spin size="large" />)}>
        <ForcedPasswordChange />
      </Suspense>
    );
  return children;
}
