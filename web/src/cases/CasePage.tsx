import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Result, Skeleton, Splitter, Tabs, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { StatusTag } from '../shared/StatusTag.tsx';
import { ActConfirmModal } from './ActConfirmModal.tsx';
import { DRIFT_CODE } from './acts.ts';
import {
  type CaseView,
  type DecisionAct,
  type TimelineEvent,
  caseKey,
  findSubtype,
  materialNames,
  orderedPages,
  signaturesKey,
  timelineKey,
  useCase,
  useCatalogVersion,
  useTimeline,
} from './case-data.ts';
import { CaseActions, canAddPages } from './CaseActions.tsx';
import { CaseFields, type RevealTarget } from './CaseFields.tsx';
import { CaseNotice, NOTICE_STATUSES } from './CaseNotice.tsx';
import { CaseSignatures } from './CaseSignatures.tsx';
import { CaseSummary } from './CaseSummary.tsx';
import { CaseTimeline, isAct, useActionLabel } from './CaseTimeline.tsx';
import { useLevelLabel } from './level-label.ts';
import { MaterialsChecklist } from './MaterialsChecklist.tsx';
import { caseMessages } from './messages.ts';
import { signatureMessages } from './signature-messages.ts';
import { PageViewer } from './PageViewer.tsx';
import { PortraitModal } from './PortraitModal.tsx';
import { RevealIdModal } from './RevealIdModal.tsx';
import { ReuseAlert } from './ReuseAlert.tsx';
import { CaseWarnings } from '../supervision/CaseWarnings.tsx';
import { paperFileTab } from '../paper-archive/CasePaperFile.tsx';
import { type Comparison, ReuseCompareModal } from './ReuseCompareModal.tsx';
import { useFillHeight } from './use-fill-height.ts';
import { useUnits } from '../shared/units.ts';

interface Notice {
  title: string;
  body: string;
}

/** Where the person came from, for the breadcrumb back (the search keeps its criteria). */
function useBackCrumb(): { title: string; path: string } {
  const t = useT(caseMessages);
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/search') ? { title: t('crumbSearch'), path: from } : { title: t('crumbWorkbench'), path: '/' };
}

/**
 * 业务详情, the heart of the system: the case's facts and the acts this person may do now on top; the
 * form data and materials checklist beside the captured pages; the timeline one tab away.
 */
function CaseScreen() {
  const { id = '' } = useParams();
  const t = useT(caseMessages);
  const ts = useT(signatureMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const actionLabel = useActionLabel();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const back = useBackCrumb();
  const navigate = useNavigate();

  const caseQuery = useCase(id);
  const timeline = useTimeline(id);
  const kase = caseQuery.data;
  const catalog = useCatalogVersion(kase?.catalogVersion);
  const units = useUnits();

  const [act, setAct] = useState<DecisionAct | null>(null);
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [viewingPortrait, setViewingPortrait] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  const [tab, setTab] = useState('info');
  // At least 360 high: at 1366×768 a reuse alert above still leaves the split within the window.
  const [splitRef, splitHeight] = useFillHeight(360, token.paddingLG);

  const pages = useMemo(() => (kase ? orderedPages(kase) : []), [kase]);
  const people = useMemo(() => new Map((timeline.data ?? []).map((e) => [e.actorId, e.actorName])), [timeline.data]);
  const nameOf = (userId: string) => people.get(userId) ?? '';
  const names = useMemo(() => materialNames(catalog.data), [catalog.data]);
  const materialName = (code: string) => {
    const own = kase?.materials.find((m) => m.code === code);
    const name = own ? { zh: own.name, en: own.nameEn } : names.get(code);
    return name ? bilingual(name) : code;
  };
  const compare = (page: Comparison['page'], finding: Comparison['finding']) => setComparison({ page, finding });
  const ownUnit = units.data?.units.find((unit) => unit.id === kase?.unit.id);
  const unitName = ownUnit ? bilingual({ zh: ownUnit.name, en: ownUnit.nameEn }) : (kase?.unit.name ?? '');

  const statusText = (view: CaseView) =>
    view.pendingLevel
      ? t('statusWithPending', { status: bilingual(view.statusLabel), pending: t('pendingAt', { level: levelLabel(view.pendingLevel) }) })
      : bilingual(view.statusLabel);

  const actDone = (done: DecisionAct, view: CaseView) => {
    queryClient.setQueryData(caseKey(id), view);
    void queryClient.invalidateQueries({ queryKey: timelineKey(id) });
    void queryClient.invalidateQueries({ queryKey: signaturesKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['workbench'] });
    setAct(null);
    setNotice(null);
    void message.success(t(`actDone_${done}`, { level: levelLabel(view.pendingLevel) }));
  };

  /** Someone else moved the case on: show it as it is now, and who did what. */
  const actRefused = async (error: ApiError) => {
    setAct(null);
    const [fresh, trail] = await Promise.all([caseQuery.refetch(), timeline.refetch()]);
    if (error.code === DRIFT_CODE) {
      setNotice({ title: t('driftTitle'), body: error.message });
      return;
    }
    const status = fresh.data ? statusText(fresh.data) : '';
    const last: TimelineEvent | undefined = (trail.data ?? []).filter((e) => e.outcome === 'ok' && isAct(e)).at(-1);
    setNotice({
      title: t('conflictTitle'),
      body: last
        ? t('conflictBy', { name: last.actorName ?? t('timelineSystem'), time: formatDateTime(last.at), action: actionLabel(last), status })
        : t('conflictPlain', { status }),
    });
  };

  const showMaterial = (code: string) => {
    const index = pages.findIndex((page) => page.materialCode === code);
    if (index >= 0) setPageIndex(index);
  };

  if (caseQuery.isError && !kase) {
    const notFound = caseQuery.error instanceof ApiError && (caseQuery.error.status === 404 || caseQuery.error.status === 403);
    return (
      <Page title={t('pageTitle')} crumbs={[back, { title: t('pageTitle') }]}>
        {notFound ? (
          <Result
            status="404"
            title={t('notFoundTitle')}
            subTitle={t('notFoundBody')}
            extra={
              <Button type="primary" onClick={() => void navigate('/search')}>
                {t('toSearch')}
              </Button>
            }
          />
        ) : (
          <ErrorAlert error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />
        )}
      </Page>
    );
  }

  if (!kase) {
    return (
      <Page title={t('pageTitle')} crumbs={[back, { title: t('pageTitle') }]}>
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Page>
    );
  }

  const subtype = findSubtype(catalog.data, kase.subtype.code);
  const title = (
    <Flex align="center" gap={token.marginSM} wrap>
      <Typography.Text
        copyable={{ text: kase.caseNo, tooltips: [t('copyCaseNo'), t('copyCaseNo')] }}
        data-testid="case-no"
        style={{ fontSize: 'inherit' }}
      >
        {kase.caseNo}
      </Typography.Text>
      <span data-testid="case-status">
        <StatusTag status={kase.status} label={kase.statusLabel} />
      </span>
      {kase.pendingLevel && (
        <Typography.Text type="secondary" style={{ fontSize: token.fontSize, fontWeight: 'normal' }} data-testid="case-pending">
          {t('pendingAt', { level: levelLabel(kase.pendingLevel) })}
        </Typography.Text>
      )}
    </Flex>
  );

  return (
    <Page
      title={title}
      crumbs={[back, { title: kase.caseNo }]}
      extra={
        <CaseActions
          kase={kase}
          onAct={setAct}
          disabled={act !== null || reveal !== null || comparison !== null || viewingPortrait || caseQuery.isFetching}
        />
      }
    >
      {notice && (
        <Alert
          type="warning"
          showIcon
          closable
          role="alert"
          data-testid="case-notice"
          title={notice.title}
          description={notice.body}
          onClose={() => setNotice(null)}
        />
      )}
      <Card size="small">
        <CaseSummary kase={kase} unitName={unitName} nameOf={nameOf} onReveal={setReveal} onViewPortrait={() => setViewingPortrait(true)} />
      </Card>
      <CaseWarnings caseId={kase.id} warnings={kase.openWarnings} />
      <ReuseAlert pages={pages} materialName={materialName} onCompare={compare} />

      <div ref={splitRef}>
        <Splitter
          style={{
            height: splitHeight,
            background: token.colorBgContainer,
            borderRadius: token.borderRadiusLG,
            border: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Splitter.Panel defaultSize="42%" min="28%" max="70%">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              style={{ padding: `0 ${token.padding}px ${token.padding}px` }}
              // The tabs stay in sight while the long form or timeline scrolls under them.
              tabBarStyle={{ position: 'sticky', top: 0, zIndex: 10, background: token.colorBgContainer }}
              items={[
                {
                  key: 'info',
                  label: t('tabInfo'),
                  children: (
                    <Flex vertical gap={token.margin}>
                      <CaseFields
                        subtype={subtype}
                        loading={catalog.isLoading}
                        fields={kase.fields}
                        canRevealId={kase.canRevealId}
                        onReveal={setReveal}
                      />
                      <Flex vertical gap={token.marginXS}>
                        <Typography.Title level={5} style={{ margin: 0 }}>
                          {t('materialsTitle')}
                        </Typography.Title>
                        <MaterialsChecklist materials={kase.materials} onShow={showMaterial} />
                      </Flex>
                    </Flex>
                  ),
                },
                {
                  key: 'timeline',
                  label: t('tabTimeline'),
                  children: (
                    <CaseTimeline
                      events={timeline.data}
                      loading={timeline.isLoading}
                      error={timeline.error}
                      onRetry={() => void timeline.refetch()}
                      materials={kase.materials}
                    />
                  ),
                },
                {
                  key: 'signatures',
                  label: ts('tabSignatures'),
                  children: <CaseSignatures kase={kase} subtype={subtype} materialName={materialName} />,
                },
                // The approval notice exists once the case is approved.
                ...(NOTICE_STATUSES.has(kase.status) ? [{ key: 'notice', label: t('tabNotice'), children: <CaseNotice caseId={kase.id} /> }] : []),
                ...paperFileTab(kase.id, kase.status),
              ]}
            />
          </Splitter.Panel>
          <Splitter.Panel style={{ overflow: 'hidden' }}>
            <PageViewer
              caseId={kase.id}
              pages={pages}
              materials={kase.materials}
              index={Math.min(pageIndex, Math.max(0, pages.length - 1))}
              onIndexChange={setPageIndex}
              nameOf={nameOf}
              captureHref={canAddPages(kase) ? `/cases/${kase.id}/capture` : undefined}
              onCompare={compare}
            />
          </Splitter.Panel>
        </Splitter>
      </div>

      <ActConfirmModal
        kase={kase}
        act={act}
        unitName={unitName}
        onClose={() => setAct(null)}
        onDone={actDone}
        onConflict={(error) => void actRefused(error)}
        onStale={() => void caseQuery.refetch()}
      />
      <RevealIdModal caseId={kase.id} target={reveal} onClose={() => setReveal(null)} />
      <ReuseCompareModal kase={kase} unitName={unitName} comparison={comparison} materialName={materialName} onClose={() => setComparison(null)} />
      <PortraitModal kase={kase} open={viewingPortrait} nameOf={nameOf} onClose={() => setViewingPortrait(false)} />
    </Page>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  // Another case is another page: its viewer position, notice and dialogs start afresh.
  return <CaseScreen key={id} />;
}
