import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAssets } from '../assets/assets.api.ts';

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** the current asset's name, shown before any search has found it */
  current?: { id: string; name: string } | null;
  orgId?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
};

/** An asset found by name, code or IP (server-side search, 300 ms after typing), optionally within an organisation. */
export function AssetPick({ value, onChange, current, orgId, placeholder, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const assets = useQuery({ queryKey: ['assets', 'pick', 'alerts', orgId ?? null, q], queryFn: () => listAssets({ page: 1, pageSize: 20, q: q || undefined, orgId }) });
  const options = (assets.data?.items ?? []).map((a) => ({
    value: a.id,
    label: (
      <Space size={6}>
        <Typography.Text code>{a.code}</Typography.Text>
        {a.name}
      </Space>
    ),
  }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: <>{current.name}</> });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={assets.isFetching}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.common.pickAsset')}
      style={style}
      popupMatchSelectWidth={false}
      notFoundContent={assets.isError ? t('errors.unknown') : undefined}
    />
  );
}
