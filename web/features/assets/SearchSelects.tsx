import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../users/users.api.ts';
import { listAssets } from './assets.api.ts';
import { localName } from './asset-format.ts';

/** The text typed into a search box, settled for 300 ms so each keystroke does not hit the server. */
function useDebounced(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** shown for the current value before any search (its name is not in the search results yet) */
  current?: { id: string; name: string } | null;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
};

/** 负责工程师: users found by name or username (server-side search). */
export function UserSelect({ value, onChange, current, placeholder, style, disabled, id }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const users = useQuery({ queryKey: ['users', 'pick', q], queryFn: () => listUsers({ page: 1, pageSize: 20, q: q || undefined, status: 'active' }) });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: t('common.nameWithUsername', { name: u.displayName, username: u.username }) }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={users.isFetching}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder}
      style={style}
      disabled={disabled}
      popupMatchSelectWidth={false}
    />
  );
}

/** Another asset, found by name, code, model or IP (server-side search); `exclude` hides the asset itself. */
export function AssetPicker({ value, onChange, exclude, placeholder, style, id }: Props & { exclude?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const assets = useQuery({ queryKey: ['assets', 'pick', q], queryFn: () => listAssets({ page: 1, pageSize: 20, q: q || undefined }) });
  const options = (assets.data?.items ?? [])
    .filter((a) => a.id !== exclude)
    .map((a) => ({
      value: a.id,
      label: (
        <Space size={6}>
          <Typography.Text code>{a.code}</Typography.Text>
          {a.name}
          <Typography.Text type="secondary">{localName({ name: a.kindName, nameEn: a.kindNameEn })}</Typography.Text>
        </Space>
      ),
    }));
  return (
    <Select
      id={id}
      data-testid="asset-picker"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={assets.isFetching}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('assets.relations.pickAsset')}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
