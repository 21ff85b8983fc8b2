import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Tooltip, Typography, theme, type ButtonProps } from 'antd';
import type { CSSProperties, HTMLAttributes, ReactNode, Ref } from 'react';

/** The height of a page's picture in a card; a page turned sideways is bounded by it across. */
export const THUMB_HEIGHT = 105;

/** `data-*` attributes a card carries for the browser journeys. */
type DataAttributes = Record<`data-${string}`, string | number | undefined>;

interface FrameProps {
  /** 第 N 页: the card's name for a screen reader, and the start of its buttons' names. */
  label: string;
  data: DataAttributes;
  /** The page a 重拍 will replace: drawn thicker, in the primary colour. */
  retakeArmed: boolean;
  /** What the border says when the card is not armed (a warning, a failure). */
  borderColor: string;
  background: string;
  draggable: boolean;
  onDragStart: () => void;
  onDropHere: () => void;
  children: ReactNode;
}

/** A page in a material's strip, staged or captured: a list item that can be dragged to another place. */
export function PageCardFrame({ label, data, retakeArmed, borderColor, background, draggable, onDragStart, onDropHere, children }: FrameProps) {
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      gap={token.marginXXS}
      role="listitem"
      aria-label={label}
      {...data}
      draggable={draggable}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        onDropHere();
      }}
      style={{
        padding: token.paddingXS,
        border: `${retakeArmed ? 2 : 1}px solid ${retakeArmed ? token.colorPrimary : borderColor}`,
        borderRadius: token.borderRadius,
        background,
        cursor: draggable ? 'grab' : 'default',
        flex: 'none',
      }}
    >
      {children}
    </Flex>
  );
}

/** The box a page's picture (or, while there is none, what stands for it) is centred in. */
export function PageThumbBox({ style, ref, ...rest }: HTMLAttributes<HTMLDivElement> & { ref?: Ref<HTMLDivElement> }) {
  const { token } = theme.useToken();
  return (
    <div
      ref={ref}
      {...rest}
      style={{
        height: THUMB_HEIGHT,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: token.marginXXS,
        background: token.colorFillTertiary,
        overflow: 'hidden',
        ...style,
      }}
    />
  );
}

/** One of a card's small icon buttons: its name says which page it acts on. */
export function CardIconButton({ label, title, ...button }: { label: string; title: string } & Omit<ButtonProps, 'title'>) {
  return (
    <Tooltip title={title}>
      <Button size="small" type="text" aria-label={`${label} ${title}`} {...button} />
    </Tooltip>
  );
}

/** Earlier and later at the ends of a card's bottom row, the card's own acts between them. */
export function ArrangeBar(props: {
  label: string;
  earlierText: string;
  laterText: string;
  first: boolean;
  last: boolean;
  disabled?: boolean;
  onMove: (by: -1 | 1) => void;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const { label, disabled = false } = props;
  return (
    <Flex justify="space-between" style={{ marginInline: -token.marginXXS }}>
      <CardIconButton
        label={label}
        title={props.earlierText}
        icon={<ArrowLeftOutlined />}
        disabled={props.first || disabled}
        onClick={() => props.onMove(-1)}
      />
      {props.children}
      <CardIconButton
        label={label}
        title={props.laterText}
        icon={<ArrowRightOutlined />}
        disabled={props.last || disabled}
        onClick={() => props.onMove(1)}
      />
    </Flex>
  );
}

/** How far a page's upload has gone, and the server's refusal when it failed. */
export function SendProgress({ upload, label, data }: { upload: { progress: number; state: string }; label: string; data?: DataAttributes }) {
  return (
    <Progress
      percent={Math.round(upload.progress * 100)}
      size="small"
      status={upload.state === 'failed' ? 'exception' : 'active'}
      aria-label={label}
      {...data}
    />
  );
}

export function SendError({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const style: CSSProperties = { fontSize: token.fontSizeSM };
  return (
    <Typography.Text type="danger" style={style} role="alert">
      {children}
    </Typography.Text>
  );
}
