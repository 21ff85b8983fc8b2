import type { ThemeConfig } from 'antd';

/**
 * A calm government blue, compact spacing for dense business tables, and the CJK fonts Debian and
 * Windows ship (no web fonts: nothing is fetched from outside). Red stays for overdue and refusals.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4e89',
    colorInfo: '#1d4e89',
    colorLink: '#1d4e89',
    borderRadius: 4,
    // antd's default secondary grey (45% black) is below the 4.5:1 contrast an all-day reader needs.
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#1d4e89', siderBg: '#ffffff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f5f7fa' },
  },
};
