import { Alert, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { loadOfdViewer, type OfdDocument } from './load-ofd-viewer.ts';
import { caseMessages } from './messages.ts';

/**
 * ofd.js draws a page at a whole tenth of a pixel per millimetre and sizes images for about 3.8
 * (96 dpi); 808 px gives exactly that. The page is then scaled to the panel's width.
 */
const RENDER_WIDTH = 808;

type ViewState = { kind: 'loading' } | { kind: 'shown'; width: number; height: number } | { kind: 'failed' };

async function loadOfd(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * The sealed OFD notice as an open OFD viewer (ofd.js, Apache-2.0) draws it, seal included: the
 * viewer is loaded only here (load-ofd-viewer.ts), so the rest of the app does not carry it.
 */
export function OfdView({ url }: { url: string }) {
  const t = useT(caseMessages);
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ViewState>({ kind: 'loading' });
  const [panelWidth, setPanelWidth] = useState(RENDER_WIDTH);

  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    void (async () => {
      try {
        const [bytes, { parseOfdDocument, renderOfd }] = await Promise.all([loadOfd(url), loadOfdViewer()]);
        const documents = await new Promise<OfdDocument[]>((resolve, reject) => parseOfdDocument({ ofd: bytes, success: resolve, fail: reject }));
        const first = documents[0];
        if (cancelled || !host.current || !first) return;
        const pages = renderOfd(RENDER_WIDTH, first);
        host.current.replaceChildren(...pages);
        pages.forEach((page, i) => {
          page.dataset.testid = 'notice-ofd-page';
          page.setAttribute('aria-label', `OFD ${i + 1}`);
          page.style.boxShadow = '0 1px 4px rgba(0, 0, 0, 0.25)';
        });
        const width = Math.max(...pages.map((page) => page.offsetWidth));
        const height = pages.reduce((sum, page) => sum + page.offsetHeight + 20, 0);
        setState({ kind: 'shown', width, height });
      } catch (error) {
        // The reason is for whoever looks at the console; the person sees the plain notice below.
        console.warn('the OFD viewer could not draw the notice', error);
        if (!cancelled) setState({ kind: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [url]);

  // Scaled to the panel: the page keeps its A4 proportions whatever the splitter's width.
  const outer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = outer.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setPanelWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scale = state.kind === 'shown' ? Math.min(1, panelWidth / state.width) : 1;
  return (
    <div ref={outer} data-testid="notice-ofd-view" data-state={state.kind}>
      {state.kind === 'loading' && (
        <div aria-busy="true" aria-label={t('noticeOfdLoading')}>
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      )}
      {state.kind === 'failed' && <Alert type="warning" showIcon title={t('noticeOfdFailed')} />}
      <div style={{ height: state.kind === 'shown' ? state.height * scale : 0, overflow: 'hidden' }}>
        <div ref={host} style={{ width: RENDER_WIDTH, transform: `scale(${scale})`, transformOrigin: 'top left' }} />
      </div>
    </div>
  );
}
