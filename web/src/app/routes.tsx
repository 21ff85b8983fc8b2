import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, useLocation } from 'react-router-dom';
import { useMe } from '../auth/session.ts';
import { AppLayout } from './AppLayout.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { homeFor } from './navigation.tsx';
import { ACCEPTING_ROLES, BUSINESS_ROLES, hasRole, type Role } from './roles.ts';
import { ForbiddenPage, NotFoundPage } from './StatusPages.tsx';

// One chunk per domain, loaded when first opened, so the sign-in page stays light.
const WorkbenchPage = lazy(() => import('../workbench/WorkbenchPage.tsx'));
const AcceptancePage = lazy(() => import('../acceptance/AcceptancePage.tsx'));
const CasePage = lazy(() => import('../cases/CasePage.tsx'));
const CapturePage = lazy(() => import('../capture/CapturePage.tsx'));
const SearchPage = lazy(() => import('../search/SearchPage.tsx'));
const WarningsPage = lazy(() => import('../supervision/WarningsPage.tsx'));
const WarningPolicyPage = lazy(() => import('../supervision/WarningPolicyPage.tsx'));
const PaperArchivePage = lazy(() => import('../paper-archive/PaperArchivePage.tsx'));
const BulletinPage = lazy(() => import('../bulletin/BulletinPage.tsx'));
const SmsPage = lazy(() => import('../notify/SmsPage.tsx'));
const SpotChecksPage = lazy(() => import('../spot-checks/SpotChecksPage.tsx'));
const SpotRoundPage = lazy(() => import('../spot-checks/RoundPage.tsx'));
const PaperVerificationsPage = lazy(() => import('../spot-checks/PaperVerificationsPage.tsx'));
const UnitsPage = lazy(() => import('../admin/UnitsPage.tsx'));
const UsersPage = lazy(() => import('../admin/UsersPage.tsx'));
const PolicyPage = lazy(() => import('../admin/PolicyPage.tsx'));
const SealsPage = lazy(() => import('../seals/SealsPage.tsx'));
const AuditPage = lazy(() => import('../audit/AuditPage.tsx'));
const AccountPage = lazy(() => import('../auth/AccountPage.tsx'));

const EVERYONE: readonly Role[] = [...BUSINESS_ROLES, 'sys_admin', 'sec_admin', 'audit_admin'];

/** A page for some roles only: others see "not permitted" (the server refuses their acts anyway). */
function For({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (!hasRole(me.role, roles)) return <ForbiddenPage />;
  return <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>;
}

function Home() {
  const me = useMe();
  const home = homeFor(me.role);
  return home === '/' ? (
    <For roles={BUSINESS_ROLES}>
      <WorkbenchPage />
    </For>
  ) : (
    <Navigate to={home} replace />
  );
}

/**
 * A data router, so a page holding work not yet saved (pages captured but not uploaded) can ask
 * before the person leaves it through the menu (useBlocker).
 */
export const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<AppLayout />}>
      <Route index element={<Home />} />
      <Route
        path="accept"
        element={
          <For roles={ACCEPTING_ROLES}>
            <AcceptancePage />
          </For>
        }
      />
      <Route
        path="cases/:id"
        element={
          <For roles={BUSINESS_ROLES}>
            <CasePage />
          </For>
        }
      />
      <Route
        path="cases/:id/capture"
        element={
          <For roles={['window_officer', 'auxiliary', 'station_leader']}>
            <CapturePage />
          </For>
        }
      />
      <Route
        path="search"
        element={
          <For roles={BUSINESS_ROLES}>
            <SearchPage />
          </For>
        }
      />
      <Route
        path="warnings"
        element={
          <For roles={['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']}>
            <WarningsPage />
          </For>
        }
      />
      <Route
        path="warnings/policy"
        element={
          // Whoever reads warnings reads the rules' settings; the page lets only a city supervisor change them.
          <For roles={['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']}>
            <WarningPolicyPage />
          </For>
        }
      />
      <Route
        path="bulletins"
        element={
          <For roles={['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']}>
            <BulletinPage />
          </For>
        }
      />
      <Route
        path="paper-archive"
        element={
          <For roles={['window_officer', 'station_leader', 'branch_reviewer', 'city_approver', 'supervisor']}>
            <PaperArchivePage />
          </For>
        }
      />
      <Route
        path="spot-checks"
        element={
          <For roles={['branch_reviewer', 'city_approver', 'supervisor']}>
            <SpotChecksPage />
          </For>
        }
      />
      <Route
        path="spot-checks/rounds/:id"
        element={
          <For roles={['branch_reviewer', 'city_approver', 'supervisor']}>
            <SpotRoundPage />
          </For>
        }
      />
      <Route
        path="paper-verifications"
        element={
          <For roles={['window_officer', 'station_leader']}>
            <PaperVerificationsPage />
          </For>
        }
      />
      <Route
        path="sms"
        element={
          <For roles={['supervisor', 'sys_admin']}>
            <SmsPage />
          </For>
        }
      />
      <Route
        path="admin/units"
        element={
          <For roles={['sys_admin']}>
            <UnitsPage />
          </For>
        }
      />
      <Route
        path="admin/users"
        element={
          <For roles={['sys_admin', 'sec_admin']}>
            <UsersPage />
          </For>
        }
      />
      <Route
        path="admin/policy"
        element={
          <For roles={['sec_admin']}>
            <PolicyPage />
          </For>
        }
      />
      <Route
        path="admin/seals"
        element={
          <For roles={['sec_admin']}>
            <SealsPage />
          </For>
        }
      />
      <Route
        path="audit"
        element={
          <For roles={['audit_admin']}>
            <AuditPage />
          </For>
        }
      />
      <Route
        path="account/password"
        element={
          <For roles={EVERYONE}>
            <AccountPage />
          </For>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Route>,
  ),
);
