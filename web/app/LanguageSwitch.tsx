import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Locale } from '../../shared/schemas/common.ts';
import { currentLocale, setLocale } from './i18n.ts';

const LABELS: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

/** Switches between 简体中文 and English; the choice is remembered in localStorage. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: Locale.options.map((l) => ({ key: l, label: <span data-testid={`locale-${l}`}>{LABELS[l]}</span> })),
        onClick: ({ key }) => {
          const parsed = Locale.safeParse(key);
          if (parsed.success) void setLocale(parsed.data);
        },
      }}
    >
      <Button type={type} icon={<GlobalOutlined />} aria-label={t('common.language')} data-testid="language-switch">
        {LABELS[locale]}
      </Button>
    </Dropdown>
  );
}
