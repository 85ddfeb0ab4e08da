import { Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProbeState } from '../../../shared/schemas/probes.ts';
import type { ProbeFilters } from './monitoring.api.ts';
import { KIND_ORDER } from './probe-kinds.ts';
import type { ProbeFilterKey } from './useProbeFilters.ts';

type Props = { filters: ProbeFilters; onChange: (patch: Partial<Record<ProbeFilterKey, string | undefined | null>>) => void; onReset: () => void };

/** Search, kind and state; the organisation is the header's scope. */
export function ProbeFilterBar({ filters, onChange, onReset }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="probe-filters">
      <Input.Search
        key={filters.q ?? '' /* a reset empties the box */}
        allowClear
        defaultValue={filters.q}
        placeholder={t('monitoring.probes.search')}
        style={{ width: 260 }}
        onSearch={(v) => onChange({ q: v.trim() })}
        data-testid="probe-search"
      />
      <Select
        allowClear
        placeholder={t('monitoring.probes.filters.kind')}
        style={{ width: 170 }}
        value={filters.kind}
        onChange={(v?: string) => onChange({ kind: v })}
        options={KIND_ORDER.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
        data-testid="probe-filter-kind"
      />
      <Select
        allowClear
        placeholder={t('monitoring.probes.filters.state')}
        style={{ width: 130 }}
        value={filters.state}
        onChange={(v?: string) => onChange({ state: v })}
        options={ProbeState.options.map((s) => ({ value: s, label: t(`monitoring.state.${s}`) }))}
        data-testid="probe-filter-state"
      />
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
