import { ExclamationCircleFilled, ExclamationCircleOutlined, FileAddFilled } from '@ant-design/icons';
import { Spin, Tooltip, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useObjectUrl, usePageBlob } from '../shared/page-image.ts';

const WIDTH = 56;
const HEIGHT = 72;

export interface ThumbnailMarks {
  late: boolean;
  /** 补录: a gold corner, so a reader paging through sees which pages came later. */
  supplement: boolean;
  /** An unresolved quality warning or a reuse finding: look at this page. */
  attention: boolean;
}

/** One page in the strip: its thumbnail, its number, what is special about it, the current one outlined. */
export function PageThumbnail({
  caseId,
  imageId,
  number,
  label,
  current,
  marks,
  onSelect,
}: {
  caseId: string;
  imageId: string;
  number: number;
  label: string;
  current: boolean;
  marks: ThumbnailMarks;
  onSelect: () => void;
}) {
  const { token } = theme.useToken();
  const page = usePageBlob(caseId, imageId, 'thumbnail');
  const url = useObjectUrl(page.data);
  const button = useRef<HTMLButtonElement>(null);

  // The strip scrolls to the current page; the window itself never moves for it.
  useEffect(() => {
    const own = button.current;
    const strip = own?.parentElement;
    if (!current || !own || !strip) return;
    const box = own.getBoundingClientRect();
    const view = strip.getBoundingClientRect();
    if (box.left < view.left) strip.scrollLeft -= view.left - box.left;
    else if (box.right > view.right) strip.scrollLeft += box.right - view.right;
  }, [current]);

  return (
    <Tooltip title={label}>
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-current={current ? 'page' : undefined}
        data-supplement={marks.supplement}
        data-attention={marks.attention}
        onClick={onSelect}
        style={{
          position: 'relative',
          flex: 'none',
          width: WIDTH,
          height: HEIGHT,
          padding: 2,
          cursor: 'pointer',
          background: token.colorBgContainer,
          border: `2px solid ${current ? token.colorPrimary : marks.attention ? token.colorWarningBorder : token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusSM,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {url ? (
          <img src={url} alt="" style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} />
        ) : page.isError ? (
          <ExclamationCircleOutlined style={{ color: token.colorTextTertiary }} />
        ) : (
          <Spin size="small" />
        )}
        {marks.supplement && (
          // An icon, not a character: the button's name is its label, and a letter here would be text outside it.
          <FileAddFilled
            aria-hidden
            style={{
              position: 'absolute',
              left: 0,
              top: 0,
              padding: 2,
              fontSize: token.fontSizeSM,
              color: token.colorWhite,
              background: token.cyan7,
              borderBottomRightRadius: token.borderRadiusSM,
            }}
          />
        )}
        {marks.attention && (
          <ExclamationCircleFilled
            aria-hidden
            style={{ position: 'absolute', right: 2, top: 2, color: token.colorWarning, background: token.colorBgContainer, borderRadius: '50%' }}
          />
        )}
        <span
          style={{
            position: 'absolute',
            right: 0,
            bottom: 0,
            minWidth: 16,
            padding: '0 3px',
            fontSize: token.fontSizeSM,
            lineHeight: '16px',
            color: token.colorWhite,
            background: marks.late ? token.colorError : token.colorTextSecondary,
            borderTopLeftRadius: token.borderRadiusSM,
          }}
        >
          {number}
        </span>
      </button>
    </Tooltip>
  );
}
