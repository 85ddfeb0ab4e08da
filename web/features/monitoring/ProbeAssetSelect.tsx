import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../shared/schemas/assets.ts';
import { listAssets } from '../assets/assets.api.ts';

type Props = {
  value?: string | null;
  onChange?: (value: string | null, asset?: Asset) => void;
  /** the current asset's name, shown before any search has found it */
  current?: { id: string; name: string } | null;
  orgId?: string;
  id?: string;
  'data-testid'?: string;
};

/** An asset found by name, code or IP (server-side search, 300 ms after typing), within the probe's organisation. */
export function ProbeAssetSelect({ value, onChange, current, orgId, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const assets = useQuery({ queryKey: ['assets', 'pick', 'probe', orgId ?? null, q], queryFn: () => listAssets({ page: 1, pageSize: 20, q: q || undefined, orgId }) });
  const items = assets.data?.items ?? [];
  const options = items.map((a) => ({
    value: a.id,
    label: (
      <Space size={6}>
        <Typography.Text code>{a.code}</Typography.Text>
        {a.name}
        {a.managementIps[0] && <Typography.Text type="secondary">{a.managementIps[0]}</Typography.Text>}
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
      onChange={(v: string | undefined) => onChange?.(v ?? null, items.find((a) => a.id === v))}
      placeholder={t('assets.relations.pickAsset')}
      popupMatchSelectWidth={false}
      notFoundContent={assets.isError ? t('errors.unknown') : undefined}
    />
  );
}
