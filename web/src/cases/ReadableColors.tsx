import { ConfigProvider, type ThemeConfig } from 'antd';
import type { ReactNode } from 'react';

/**
 * antd's default text colours for light tags (gold, cyan, green), warnings, errors, danger buttons,
 * placeholders and description labels are below the 4.5:1 contrast an all-day reader needs (axe-core flags them).
 * These are the darker shades of the same palettes. It belongs in the shared theme (app/theme.ts);
 * until it moves there it wraps the case and search pages.
 */
export const READABLE_COLOURS: ThemeConfig = {
  token: {
    // The palettes exist under both names (gold7 and the older gold-7); the tag styles read the latter.
    gold7: '#874d00',
    'gold-7': '#874d00',
    cyan7: '#006d75',
    'cyan-7': '#006d75',
    green7: '#237804',
    'green-7': '#237804',
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    // Select placeholders are text on the page (an input's placeholder attribute is not checked by axe).
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  components: {
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.62)' },
  },
};

export function ReadableColors({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={READABLE_COLOURS}>{children}</ConfigProvider>;
}
