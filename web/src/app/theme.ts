import type { ThemeConfig } from 'antd';

/**
 * A calm government blue, compact spacing for dense business tables, and the CJK fonts Debian and
 * Windows ship (no web fonts: nothing is fetched from outside). Red stays for overdue and refusals.
 */
// Tags read their text colour from the older dashed palette names (gold-7), other components from gold7.
const READABLE_TAG_TEXT = {
  gold7: '#874d00',
  'gold-7': '#874d00',
  cyan7: '#006d75',
  'cyan-7': '#006d75',
  green7: '#237804',
  'green-7': '#237804',
};

export const THEME: ThemeConfig = {
  token: {
    ...READABLE_TAG_TEXT,
    colorPrimary: '#1d4e89',
    colorInfo: '#1d4e89',
    colorLink: '#1d4e89',
    borderRadius: 4,
    // antd's default secondary grey (45% black), placeholder grey, red and gold text, and the text of
    // light gold, cyan and green tags are below the 4.5:1 contrast an all-day reader needs (axe-core
    // flags them): these are the deeper shades of the same palettes.
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
  },
  components: {
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.62)' },
    Layout: { headerBg: '#1d4e89', siderBg: '#ffffff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f5f7fa' },
  },
};
