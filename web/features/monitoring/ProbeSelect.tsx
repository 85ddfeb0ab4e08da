import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { listProbes } from './monitoring.api.ts';

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  current?: { id: string; name: string } | null;
  orgId?: string;
  id?: string;
  'data-testid'?: string;
};

/** A probe found by name or target (server-side search, 300 ms after typing). */
export function ProbeSelect({ value, onChange, current, orgId, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const probes = useQuery({ queryKey: ['probes', 'pick', orgId ?? null, q], queryFn: () => listProbes({ page: 1, pageSize: 20, q: q || undefined, orgId }) });
  const options = (probes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.orgName}` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={probes.isFetching}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={t('monitoring.maintenance.pickProbe')}
      popupMatchSelectWidth={false}
    />
  );
}
