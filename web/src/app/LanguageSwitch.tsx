import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { type Locale, useLocale } from '../i18n/locale.tsx';

export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={setLocale}
      aria-label="语言 Language"
      options={[
        { value: 'zh-CN', label: '中文', icon: <GlobalOutlined /> },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
