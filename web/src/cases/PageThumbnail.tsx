import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Spin, Tooltip, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useObjectUrl, usePageBlob } from './page-image.ts';

const WIDTH = 56;
const HEIGHT = 72;

/** One page in the strip: its image small, its number, the current one outlined. */
export function PageThumbnail({
  caseId,
  imageId,
  number,
  label,
  current,
  late,
  onSelect,
}: {
  caseId: string;
  imageId: string;
  number: number;
  label: string;
  current: boolean;
  late: boolean;
  onSelect: () => void;
}) {
  const { token } = theme.useToken();
  const page = usePageBlob(caseId, imageId);
  const url = useObjectUrl(page.data);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (current) button.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);

  return (
    <Tooltip title={label}>
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-current={current ? 'page' : undefined}
        onClick={onSelect}
        style={{
          position: 'relative',
          flex: 'none',
          width: WIDTH,
          height: HEIGHT,
          padding: 2,
          cursor: 'pointer',
          background: token.colorBgContainer,
          border: `2px solid ${current ? token.colorPrimary : token.colorBorderSecondary}`,
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
            background: late ? token.colorError : token.colorTextSecondary,
            borderTopLeftRadius: token.borderRadiusSM,
          }}
        >
          {number}
        </span>
      </button>
    </Tooltip>
  );
}
