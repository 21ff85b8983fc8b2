import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Skeleton, Typography, theme } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useBlocker, useParams } from 'react-router-dom';
import { ApiError } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { StatusTag } from '../shared/StatusTag.tsx';
import { CameraPanel, PREVIEW_HEIGHT } from './CameraPanel.tsx';
import { type CaseView, useCaseView } from './case-view.ts';
import { Deadline } from '../shared/Deadline.tsx';
import { CaseActs } from './CaseActs.tsx';
import type { PageType } from './imaging-ops.ts';
import { captureFrame, readImageFile } from './imaging.ts';
import { MaterialChecklist } from './MaterialChecklist.tsx';
import { captureMessages } from './messages.ts';
import { stagedCount, stagedPage } from './staged-pages.ts';
import { StagedStrip } from './StagedStrip.tsx';
import { useCamera } from './useCamera.ts';
import { useStagedStore } from './useStagedStore.ts';
import { useUploader } from './useUploader.ts';

const PAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];
const CHECKLIST_WIDTH = 320;

/** The material to capture first: the first required one still short of pages, else the first one. */
function firstToCapture(kase: CaseView | undefined): string | undefined {
  return (kase?.materials.find((m) => m.required && !m.complete) ?? kase?.materials[0])?.code;
}

/** Keys typed into a field or a list are the field's, not the camera's. */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  return Boolean(element.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"], .ant-modal'));
}

/**
 * 采集 at the window: the document camera's live image, the pages of the current material staged
 * below it (turned, retaken, reordered, deleted), uploaded in order with progress, and the checklist
 * ticking beside it as the server confirms each page. Officers verify and submit from here; an
 * auxiliary captures only.
 */
export default function CapturePage() {
  const { id = '' } = useParams();
  const t = useT(captureMessages);
  const tApp = useT(appMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const { message, modal } = App.useApp();
  const me = useMe();
  const caseView = useCaseView(id);
  const kase = caseView.data;
  const canCapture = kase?.allowedActs.includes('capture') ?? false;
  const camera = useCamera(canCapture);
  const store = useStagedStore();
  const { uploadMaterial, uploading } = useUploader(id, store);
  const [chosen, setChosen] = useState<string>();
  const [retakeId, setRetakeId] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(0);
  const videoRef = useRef<HTMLVideoElement>(null);

  const material = kase?.materials.find((m) => m.code === (chosen ?? firstToCapture(kase)));
  const materialCode = material?.code;
  const pages = (materialCode && store.pages[materialCode]) || [];
  const waiting = stagedCount(store.pages);

  const choose = (code: string) => {
    setChosen(code);
    setRetakeId(null);
  };

  const capture = useCallback(async () => {
    const video = videoRef.current;
    if (!video || !materialCode || !canCapture || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    const replacing = retakeId;
    setCapturing((n) => n + 1);
    try {
      const page = stagedPage(await captureFrame(video));
      if (replacing) {
        store.dispatch({ type: 'replace', material: materialCode, id: replacing, page });
        setRetakeId(null);
      } else {
        store.dispatch({ type: 'add', material: materialCode, page });
      }
    } catch {
      void message.error(t('captureFailed'));
    } finally {
      setCapturing((n) => n - 1);
    }
  }, [materialCode, canCapture, retakeId, store, message, t]);

  const addFiles = async (files: File[]) => {
    if (!materialCode) return;
    for (const file of files) {
      if (!PAGE_TYPES.includes(file.type)) {
        void message.warning(t('fileRejected', { name: file.name }));
        continue;
      }
      try {
        store.dispatch({ type: 'add', material: materialCode, page: stagedPage(await readImageFile(file, file.type as PageType)) });
      } catch {
        void message.error(t('imageUnreadable', { name: file.name }));
      }
    }
  };

  const upload = async (code: string) => {
    const done = await uploadMaterial(code);
    // Done with this one: move on to what is still missing, as the officer would.
    if (done && code === materialCode) setChosen(undefined);
  };
  const uploadAll = async () => {
    for (const m of kase?.materials ?? []) {
      if ((store.current()[m.code]?.length ?? 0) > 0 && !(await uploadMaterial(m.code))) return;
    }
    setChosen(undefined);
  };

  // Space captures, wherever the focus is, except in a field; the button it would press is not pressed twice.
  const captureRef = useRef(capture);
  useEffect(() => {
    captureRef.current = capture;
  }, [capture]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || typingIn(event.target)) return;
      event.preventDefault();
      if (!event.repeat) void captureRef.current();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code === 'Space' && !typingIn(event.target)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, []);

  // Staged pages live only in this page: closing or reloading it with some left asks first.
  useEffect(() => {
    if (waiting === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [waiting]);
  // Leaving through the menu or a link asks too: those pages are originals not yet in the archive.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => waiting > 0 && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('leaveTitle'),
      content: t('leaveBody', { count: waiting }),
      okText: t('leaveOk'),
      okButtonProps: { danger: true },
      cancelText: t('leaveCancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal, t, waiting]);

  const crumbs = [{ title: tApp('navWorkbench'), path: '/' }, ...(kase ? [{ title: kase.caseNo, path: `/cases/${id}` }] : []), { title: t('title') }];

  if (caseView.isPending)
    return (
      <Page title={t('title')} crumbs={crumbs}>
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </Page>
    );
  if (!kase) {
    const notFound = caseView.error instanceof ApiError && caseView.error.status === 404;
    return (
      <Page title={t('title')} crumbs={crumbs}>
        {notFound ? (
          <Alert type="warning" showIcon title={t('notFound')} />
        ) : (
          <ErrorAlert error={caseView.error} onRetry={() => void caseView.refetch()} />
        )}
      </Page>
    );
  }

  const materialName = material ? bilingual({ zh: material.name, en: material.nameEn }) : '';
  const deadline = kase.status === 'accepted' || kase.status === 'verified' || kase.status === 'returned' ? kase.captureDeadline : null;

  return (
    <Page
      title={
        <Flex align="center" gap={token.marginSM} wrap>
          <span>{t('title')}</span>
          <Typography.Text copyable style={{ fontSize: token.fontSizeLG, fontWeight: 'normal' }} data-testid="case-no">
            {kase.caseNo}
          </Typography.Text>
          <StatusTag status={kase.status} label={kase.statusLabel} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSize, fontWeight: 'normal' }}>
            {kase.subtype.code} {bilingual({ zh: kase.subtype.name, en: kase.subtype.nameEn })} · {kase.applicant.name}{' '}
            {kase.applicant.idNumberMasked}
          </Typography.Text>
        </Flex>
      }
      crumbs={crumbs}
      extra={
        <>
          {deadline && <Deadline at={deadline} />}
          <Link to={`/cases/${id}`}>
            <Button icon={<FileSearchOutlined />}>{t('openCase')}</Button>
          </Link>
        </>
      }
    >
      {!canCapture && <Alert type="info" showIcon title={t('captureClosed', { status: bilingual(kase.statusLabel) })} />}
      <Flex gap={token.margin} align="flex-start" wrap>
        {canCapture && (
          <Card size="small" title={t('camera')} style={{ flex: '1 1 560px', minWidth: 0 }}>
            <CameraPanel
              camera={camera}
              videoRef={videoRef}
              canCapture={Boolean(materialCode)}
              capturing={capturing > 0}
              retakePageNo={retakeId && material ? material.pagesCaptured + pages.findIndex((p) => p.id === retakeId) + 1 : null}
              onCapture={() => void capture()}
              onCancelRetake={() => setRetakeId(null)}
              onFiles={(files) => void addFiles(files)}
              aside={
                materialCode && (
                  <StagedStrip
                    materialCode={materialCode}
                    materialName={materialName}
                    pages={pages}
                    serverPages={material?.pagesCaptured ?? 0}
                    retakeId={retakeId}
                    uploading={uploading.has(materialCode)}
                    otherStaged={waiting - pages.length}
                    canCapture={canCapture}
                    height={PREVIEW_HEIGHT}
                    dispatch={store.dispatch}
                    onRetake={setRetakeId}
                    onUpload={() => void upload(materialCode)}
                    onUploadAll={() => void uploadAll()}
                    onFiles={(files) => void addFiles(files)}
                  />
                )
              }
            />
          </Card>
        )}
        <Card size="small" title={t('checklist')} style={{ flex: canCapture ? `0 0 ${CHECKLIST_WIDTH}px` : '1 1 auto', maxWidth: '100%' }}>
          <Flex vertical gap={token.margin}>
            <MaterialChecklist kase={kase} staged={store.pages} current={canCapture ? materialCode : undefined} onSelect={choose} />
            <CaseActs kase={kase} />
            {me.role === 'auxiliary' && <Typography.Text type="secondary">{t('auxiliaryNote')}</Typography.Text>}
          </Flex>
        </Card>
      </Flex>
    </Page>
  );
}
