import { Flex, Spin, theme } from 'antd';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { type ReactZoomPanPinchContentRef, TransformComponent, TransformWrapper } from 'react-zoom-pan-pinch';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { useObjectUrl, usePageBlob } from '../shared/page-image.ts';

/** What the viewer's toolbar and keys do to the page shown. */
export interface StageControls {
  zoomIn(): void;
  zoomOut(): void;
  fitPage(): void;
  fitWidth(): void;
}

interface Size {
  width: number;
  height: number;
}

/** Each press zooms by half again, or back by the same factor. */
const ZOOM_FACTOR = 1.5;
const NO_ANIMATION = 0;

function useElementSize(): [Ref<HTMLDivElement>, Size | null] {
  const element = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const observer = new ResizeObserver(() => {
      const next = { width: node.clientWidth, height: node.clientHeight };
      setSize((previous) => (previous && previous.width === next.width && previous.height === next.height ? previous : next));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [element, size];
}

function useNaturalSize(url: string | undefined): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    if (!url) return;
    const image = new Image();
    image.onload = () => setSize({ width: image.naturalWidth, height: image.naturalHeight });
    image.src = url;
    return () => {
      image.onload = null;
    };
  }, [url]);
  return size;
}

/**
 * One page, zoomable and pannable (wheel, drag, double click). The page is laid out at the size that
 * fits the stage, so scale 1 is "whole page" whatever the camera's resolution (a 16-megapixel page
 * and a phone photo zoom alike), and a rotation turns the box the page sits in, so fitting and
 * panning work on what is seen. A new rotation or stage size shows the whole page again.
 */
export function PageStage({
  caseId,
  imageId,
  rotation,
  alt,
  controlsRef,
}: {
  caseId: string;
  imageId: string;
  rotation: number;
  alt: string;
  controlsRef: Ref<StageControls>;
}) {
  const { token } = theme.useToken();
  const page = usePageBlob(caseId, imageId, 'preview');
  const url = useObjectUrl(page.data);
  const natural = useNaturalSize(url);
  const [stageRef, stage] = useElementSize();
  const zoom = useRef<ReactZoomPanPinchContentRef>(null);

  const turned = rotation % 180 !== 0;
  const box = natural ? { width: turned ? natural.height : natural.width, height: turned ? natural.width : natural.height } : null;
  const fit = box && stage && stage.width > 0 && stage.height > 0 ? Math.min(stage.width / box.width, stage.height / box.height) : null;
  const shown = box && fit ? { width: box.width * fit, height: box.height * fit } : null;
  // Up to twice the camera's own pixels, and never less than 4× the whole page.
  const maxScale = fit ? Math.max(4, 2 / fit) : 4;

  useImperativeHandle(
    controlsRef,
    () => ({
      zoomIn: () => {
        const scale = zoom.current?.instance.state.scale ?? 1;
        void zoom.current?.zoomIn(scale * (ZOOM_FACTOR - 1));
      },
      zoomOut: () => {
        const scale = zoom.current?.instance.state.scale ?? 1;
        void zoom.current?.zoomOut(scale * (1 - 1 / ZOOM_FACTOR));
      },
      fitPage: () => void zoom.current?.resetTransform(NO_ANIMATION),
      fitWidth: () => {
        if (!stage || !shown) return;
        void zoom.current?.setTransform(0, 0, stage.width / shown.width, NO_ANIMATION);
      },
    }),
    [stage, shown],
  );

  let content;
  if (page.isError) {
    content = (
      <Flex align="center" justify="center" style={{ height: '100%', padding: token.padding }}>
        <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
      </Flex>
    );
  } else if (!url || !shown || !natural || !fit) {
    content = (
      <Flex align="center" justify="center" style={{ height: '100%' }}>
        <Spin />
      </Flex>
    );
  } else {
    const image = { width: natural.width * fit, height: natural.height * fit };
    content = (
      <TransformWrapper
        key={`${rotation}:${Math.round(shown.width)}x${Math.round(shown.height)}`}
        ref={zoom}
        initialScale={1}
        minScale={0.5}
        maxScale={maxScale}
        centerOnInit
        centerZoomedOut
        doubleClick={{ mode: 'toggle', step: 1 }}
      >
        <TransformComponent wrapperStyle={{ width: '100%', height: '100%', cursor: 'grab' }}>
          <div style={{ position: 'relative', width: shown.width, height: shown.height }}>
            <img
              src={url}
              alt={alt}
              draggable={false}
              style={{
                position: 'absolute',
                left: (shown.width - image.width) / 2,
                top: (shown.height - image.height) / 2,
                width: image.width,
                height: image.height,
                maxWidth: 'none',
                transform: `rotate(${rotation}deg)`,
                boxShadow: token.boxShadowTertiary,
                background: token.colorBgContainer,
              }}
            />
          </div>
        </TransformComponent>
      </TransformWrapper>
    );
  }
  return (
    <div ref={stageRef} style={{ width: '100%', height: '100%' }}>
      {content}
    </div>
  );
}
