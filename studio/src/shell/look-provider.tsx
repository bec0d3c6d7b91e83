/**
 * The studio's look: Ant Design's ConfigProvider with the locale of the chosen language (zh_CN
 * or en_US, dayjs's locale with it, so dates read 2026-12-05 and weeks start on Monday in
 * Chinese), and the studio's blue as the primary colour.
 */
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function LookProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}>
      {children}
    </ConfigProvider>
  );
}
