import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

/**
 * antd's default red (#ff4d4f: danger buttons, red text, white on red), gold text (#faad14) and
 * placeholder grey (25% black) are below the 4.5:1 contrast axe requires; the deeper shades of the
 * same palettes (red-7, gold-9) and a 55% grey pass. Used by the workbench, administration and audit
 * pages; a candidate for web/src/app/theme.ts, where it would cover every page (shared/Deadline too).
 */
const READABLE = {
  token: {
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorWarningText: '#874d00',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

export function ReadableColours({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={READABLE}>{children}</ConfigProvider>;
}
