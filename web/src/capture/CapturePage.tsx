import { FileSearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Skeleton, Typography, theme } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { Deadline } from '../shared/Deadline.tsx';
import { ErrorAlert, useErrorMessage } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { type CapturedPage, unresolvedWarnings, useQualityText } from '../shared/page-notes.ts';
import { StatusTag } from '../shared/StatusTag.tsx';
import { useLeaveGuard, useSpaceToCapture } from './capture-guards.ts';
import { CameraPanel, PREVIEW_HEIGHT, PREVIEW_HEIGHT_BELOW_NOTICE } from './CameraPanel.tsx';
import { caseKey, type CaseView, useCaseView } from './case-view.ts';
import { CaseActs } from './CaseActs.tsx';
import { isDocumentType, sniffType } from './file-kind.ts';
import { captureFrame, readImageFile } from './imaging.ts';
import { MaterialChecklist } from './MaterialChecklist.tsx';
import { MaterialStrip, type RetakeTarget } from './MaterialStrip.tsx';
import { captureMessages } from './messages.ts';
import { PortraitPanel } from './PortraitPanel.tsx';
import { ReasonModal, type ReasonRequest } from './ReasonModal.tsx';
import { queued, stagedCount, stagedDocument, stagedPage, type StagedPage } from './staged-pages.ts';
import { SupplementBanner } from './SupplementBanner.tsx';
import { useCamera } from './useCamera.ts';
import { usePageActs } from './usePageActs.ts';
import { usePortraitStage } from './usePortraitStage.ts';
import { useStagedStore } from './useStagedStore.ts';
import { atTheStation, useSupplementMode } from './useSupplementMode.ts';
import { useUploader } from './useUploader.ts';

const PAGE_FILES = 'image/jpeg,image/png,image/tiff,application/pdf,.tif,.tiff,.pdf';
const PORTRAIT_FILES = 'image/jpeg,image/png';
const CHECKLIST_WIDTH = 320;
/** The 现场照片 step, chosen in the checklist like a material. */
const PORTRAIT = ':portrait';

/** The material to capture first: the first required one still short of pages, else the first one. */
function firstToCapture(kase: CaseView | undefined): string | undefined {
  return (kase?.materials.find((m) => m.required && !m.complete) ?? kase?.materials[0])?.code;
}

function pagesOf(kase: CaseView | undefined, code: string | undefined): CapturedPage[] {
  return (kase?.images ?? []).filter((image) => image.materialCode === code).sort((a, b) => a.pageNo - b.pageNo);
}

/**
 * 采集 at the window: the document camera's live image; beside it the current material's pages, those
 * the server holds with what the quality checks found (retake, accept with a reason, reorder,
 * remove) and those waiting to be uploaded (turned, retaken, reordered, deleted); PDF and TIFF files
 * too. The checklist ticks as the server confirms each page; the 现场照片 step uses the same camera.
 * After the capture limit or after submission pages come as 补录, with a reason. Officers verify and
 * submit from here; an auxiliary captures only.
 */
export default function CapturePage() {
  const { id = '' } = useParams();
  const t = useT(captureMessages);
  const tApp = useT(appMessages);
  const bilingual = useBilingual();
  const quality = useQualityText();
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const caseView = useCaseView(id);
  const kase = caseView.data;
  const allowed: readonly string[] = kase?.allowedActs ?? [];
  const supplement = useSupplementMode(kase);
  const canAdd = supplement.canAdd;
  const mayPortrait = allowed.includes('capture_portrait');
  const camera = useCamera(canAdd || mayPortrait);
  const store = useStagedStore();
  const { uploadMaterial, uploadReplacement, uploading } = useUploader(id, store, { supplementReason: () => supplement.reasonToSend });
  const acts = usePageActs(id);
  const portrait = usePortraitStage(id);
  const [chosen, setChosen] = useState<string>();
  const [retake, setRetake] = useState<RetakeTarget | null>(null);
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const [capturing, setCapturing] = useState(0);
  const videoRef = useRef<HTMLVideoElement>(null);

  const portraitMode = chosen === PORTRAIT && mayPortrait;
  const material = portraitMode ? undefined : kase?.materials.find((m) => m.code === (chosen && chosen !== PORTRAIT ? chosen : firstToCapture(kase)));
  const materialCode = material?.code;
  const staged = (materialCode && store.pages[materialCode]) || [];
  const captured = pagesOf(kase, materialCode);
  const waiting = stagedCount(store.pages) + (portrait.staged ? 1 : 0);
  const atStation = kase ? atTheStation(kase) : false;
  const may = { arrange: allowed.includes('arrange_pages'), retake: canAdd && atStation, override: allowed.includes('override_quality') };

  const choose = (code: string) => {
    setChosen(code);
    setRetake(null);
  };

  /** A retake of a page the server holds goes at once: it takes that page's place, nothing waits on it. */
  const sendReplacement = useCallback(
    async (material: string, page: StagedPage) => {
      if (!supplement.ensureReady()) {
        store.dispatch({ type: 'failed', material, id: page.id, error: t('supplementReasonMissing') });
        return;
      }
      await uploadReplacement(material, page.id);
    },
    [store, supplement, t, uploadReplacement],
  );

  /** A new page joins the material, or takes the place the armed retake names. */
  const stage = useCallback(
    (code: string, page: StagedPage, target: RetakeTarget | null) => {
      if (target?.kind === 'captured') {
        store.dispatch({ type: 'add', material: code, page: { ...page, replaces: target.imageId } });
        setRetake(null);
        void sendReplacement(code, { ...page, replaces: target.imageId });
      } else if (target?.kind === 'staged') {
        store.dispatch({ type: 'replace', material: code, id: target.id, page });
        setRetake(null);
      } else {
        store.dispatch({ type: 'add', material: code, page });
      }
    },
    [sendReplacement, store],
  );

  const capture = useCallback(async () => {
    const video = videoRef.current;
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    if (!(portraitMode || (materialCode && canAdd))) return;
    setCapturing((n) => n + 1);
    try {
      const image = await captureFrame(video);
      if (portraitMode) portrait.take(image);
      else if (materialCode) stage(materialCode, stagedPage(image), retake);
    } catch {
      void message.error(t('captureFailed'));
    } finally {
      setCapturing((n) => n - 1);
    }
  }, [portraitMode, materialCode, canAdd, portrait, stage, retake, message, t]);

  const addFiles = async (files: File[]) => {
    // An armed retake takes the first file; the others join the material as new pages.
    let target = retake;
    for (const file of files) {
      const type = await sniffType(file);
      if (portraitMode) {
        if (type !== 'image/jpeg' && type !== 'image/png') {
          void message.warning(t('portraitFileRejected', { name: file.name }));
          continue;
        }
        try {
          portrait.take(await readImageFile(file, type));
        } catch {
          void message.error(t('imageUnreadable', { name: file.name }));
        }
        return;
      }
      if (!materialCode || !canAdd) return;
      if (!type) {
        void message.warning(t('fileRejected', { name: file.name }));
        continue;
      }
      try {
        const page = isDocumentType(type) ? stagedDocument(file, type, file.name) : stagedPage(await readImageFile(file, type));
        stage(materialCode, page, target);
        target = null;
      } catch {
        void message.error(t('imageUnreadable', { name: file.name }));
      }
    }
  };

  /** Stays on a material whose pages need a look (quality warnings, a reuse finding); otherwise on to what is still missing. */
  const moveOnFrom = (code: string) => {
    const view = queryClient.getQueryData<CaseView>(caseKey(id));
    const toCheck = pagesOf(view, code).some((page) => unresolvedWarnings(page).length > 0 || page.reuse.length > 0);
    if (!toCheck && code === materialCode) setChosen(undefined);
  };
  /** In 补录 mode nothing goes without the reason: the field says so, and so does the page that waits. */
  const readyToSend = (code: string): boolean => {
    if (supplement.ensureReady()) return true;
    const first = queued(store.current()[code])[0];
    if (first) store.dispatch({ type: 'failed', material: code, id: first.id, error: t('supplementReasonMissing') });
    return false;
  };
  const upload = async (code: string) => {
    if (!readyToSend(code)) return;
    if (await uploadMaterial(code)) moveOnFrom(code);
  };
  const uploadAll = async () => {
    if (materialCode && !readyToSend(materialCode)) return;
    for (const m of kase?.materials ?? []) {
      if (queued(store.current()[m.code]).length > 0 && !(await uploadMaterial(m.code))) return;
    }
    if (materialCode) moveOnFrom(materialCode);
  };

  const reorder = (imageIds: string[]) => {
    if (!materialCode) return;
    acts.reorder(materialCode, imageIds).catch((error: unknown) => void message.error(describe(error)));
  };
  const askOverride = (page: CapturedPage) =>
    setAsking({
      title: t('overrideTitle', { n: page.pageNo }),
      explain: t('overrideExplain', { warnings: unresolvedWarnings(page).map(quality.text).join(t('listSeparator')) }),
      placeholder: t('overridePlaceholder'),
      okText: t('useAnyway'),
      onSubmit: (reason) => acts.override(page.id, reason),
    });
  const askRemove = (page: CapturedPage) =>
    setAsking({
      title: t('removeTitle', { n: page.pageNo }),
      explain: t('removeExplain'),
      placeholder: t('removePlaceholder'),
      okText: t('removeUploaded'),
      danger: true,
      onSubmit: async (reason) => {
        await acts.remove(page.id, reason);
        if (retake?.kind === 'captured' && retake.imageId === page.id) setRetake(null);
      },
    });

  useSpaceToCapture(capture);
  useLeaveGuard(waiting);

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
  // Once pages come as 补录 the banner says the limit has passed; a countdown from the browser's clock could contradict it.
  const deadline = atStation && !supplement.cause ? kase.captureDeadline : null;
  const retakeNote =
    retake?.kind === 'captured'
      ? t('retakeArmedUploaded', { n: retake.pageNo })
      : retake?.kind === 'staged' && material
        ? t('retakeArmed', { n: captured.length + queued(staged).findIndex((p) => p.id === retake.id) + 1 })
        : null;
  const officerOnly = supplement.cause === 'late' && !canAdd;
  // A notice above the camera (补录, a retake armed) takes room the live image gives up, so the page does not scroll.
  const notice = Boolean(supplement.cause && canAdd) || officerOnly || (!portraitMode && retakeNote !== null);
  const previewHeight = notice ? PREVIEW_HEIGHT_BELOW_NOTICE : PREVIEW_HEIGHT;

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
      {officerOnly ? (
        <Alert type="warning" showIcon title={t('supplementOfficerOnly')} data-testid="supplement-officer-only" />
      ) : (
        !canAdd && !mayPortrait && <Alert type="info" showIcon title={t('captureClosed', { status: bilingual(kase.statusLabel) })} />
      )}
      {supplement.cause && canAdd && (
        <SupplementBanner
          cause={supplement.cause}
          captureDeadline={kase.captureDeadline}
          reason={supplement.reason}
          onReason={supplement.setReason}
          showMissing={supplement.missingShown}
          inputRef={supplement.inputRef}
        />
      )}
      <Flex gap={token.margin} align="flex-start" wrap>
        {(canAdd || mayPortrait) && (
          <Card size="small" title={portraitMode ? t('portraitCamera') : t('camera')} style={{ flex: '1 1 560px', minWidth: 0 }}>
            <CameraPanel
              camera={camera}
              videoRef={videoRef}
              canCapture={portraitMode || (canAdd && Boolean(materialCode))}
              capturing={capturing > 0}
              retakeNote={portraitMode ? null : retakeNote}
              captureLabel={portraitMode ? t('portraitCapture') : t('capture')}
              accept={portraitMode ? PORTRAIT_FILES : PAGE_FILES}
              previewHeight={previewHeight}
              onCapture={() => void capture()}
              onCancelRetake={() => setRetake(null)}
              onFiles={(files) => void addFiles(files)}
              aside={
                portraitMode ? (
                  <PortraitPanel
                    portrait={kase.portrait}
                    staged={portrait.staged}
                    height={previewHeight}
                    onUpload={() =>
                      void portrait.upload().then((done) => {
                        if (done) void message.success(t('portraitUploaded'));
                      })
                    }
                    onDiscard={portrait.discard}
                  />
                ) : (
                  materialCode && (
                    <MaterialStrip
                      caseId={id}
                      materialCode={materialCode}
                      materialName={materialName}
                      captured={captured}
                      staged={staged}
                      retake={retake}
                      uploading={uploading.has(materialCode)}
                      otherStaged={stagedCount(store.pages) - staged.length}
                      canAdd={canAdd}
                      may={may}
                      actsBusy={acts.busy !== null}
                      height={previewHeight}
                      dispatch={store.dispatch}
                      onRetake={setRetake}
                      onReorder={reorder}
                      onOverride={askOverride}
                      onRemove={askRemove}
                      onRetryReplacement={(stagedId) => {
                        const page = store.current()[materialCode]?.find((p) => p.id === stagedId);
                        if (page) void sendReplacement(materialCode, page);
                      }}
                      onUpload={() => void upload(materialCode)}
                      onUploadAll={() => void uploadAll()}
                      onFiles={(files) => void addFiles(files)}
                    />
                  )
                )
              }
            />
          </Card>
        )}
        <Card
          size="small"
          title={t('checklist')}
          style={
            canAdd || mayPortrait
              ? { flex: `0 0 ${CHECKLIST_WIDTH}px`, width: CHECKLIST_WIDTH, minWidth: 0, maxWidth: '100%' }
              : { flex: '1 1 auto', maxWidth: '100%' }
          }
        >
          <Flex vertical gap={token.margin}>
            <MaterialChecklist
              kase={kase}
              staged={store.pages}
              current={canAdd && !portraitMode ? materialCode : undefined}
              onSelect={choose}
              portrait={mayPortrait ? { selected: portraitMode, staged: portrait.staged !== null, onSelect: () => choose(PORTRAIT) } : null}
            />
            <CaseActs kase={kase} />
            {me.role === 'auxiliary' && <Typography.Text type="secondary">{t('auxiliaryNote')}</Typography.Text>}
          </Flex>
        </Card>
      </Flex>
      <ReasonModal request={asking} onClose={() => setAsking(null)} />
    </Page>
  );
}
