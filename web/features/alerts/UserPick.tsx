import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserDirectory } from './useUserDirectory.ts';

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
};

/** One user, searched by name or username in the directory; an id not in it is still shown as itself. */
export function UserPick({ value, onChange, placeholder, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const { users, isLoading } = useUserDirectory();
  const options = users.map((u) => ({ value: u.id, label: t('common.nameWithUsername', { name: u.displayName, username: u.username }) }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={isLoading}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.common.pickUser')}
      style={{ minWidth: 180, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
