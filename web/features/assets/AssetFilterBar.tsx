import type { ReactNode } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetImportance, AssetStatus, XinchuangState } from '../../../shared/schemas/assets.ts';
import type { AssetFilters } from './assets.api.ts';
import { ContractSelect, KindSelect } from './CatalogSelects.tsx';
import { LocationTreeSelect } from './LocationTreeSelect.tsx';
import type { FilterKey } from './useAssetFilters.ts';

type Props = {
  filters: AssetFilters;
  onChange: (patch: Partial<Record<FilterKey, string | undefined | null>>) => void;
  onReset: () => void;
  /** Shown after the reset button, e.g. the saved filters. */
  extra?: ReactNode;
};

const WARRANTY = ['in', 'expiring30', 'expiring90', 'out', 'unknown'] as const;
const DIMENSIONS = ['overall', 'cpu', 'os', 'database', 'middleware'] as const;

/** Search plus kind, location, status, warranty, importance, 信创 and contract; the organisation is the header's scope. */
export function AssetFilterBar({ filters, onChange, onReset, extra }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="asset-filters">
      <Input.Search
        key={filters.q ?? '' /* a reset empties the box */}
        allowClear
        defaultValue={filters.q}
        placeholder={t('assets.search')}
        style={{ width: 280 }}
        onSearch={(v) => onChange({ q: v.trim() })}
        data-testid="asset-search"
      />
      <KindSelect allowClear placeholder={t('assets.filters.kind')} style={{ width: 170 }} value={filters.kind} onChange={(v) => onChange({ kind: v })} data-testid="filter-kind" />
      <LocationTreeSelect orgId={filters.orgId} placeholder={t('assets.filters.location')} style={{ width: 200 }} value={filters.locationId} onChange={(v) => onChange({ locationId: v })} />
      <Select
        allowClear
        placeholder={t('assets.filters.status')}
        style={{ width: 110 }}
        value={filters.status}
        onChange={(v?: string) => onChange({ status: v })}
        options={AssetStatus.options.map((s) => ({ value: s, label: t(`assets.status.${s}`) }))}
        data-testid="filter-status"
      />
      <Select
        allowClear
        placeholder={t('assets.filters.warranty')}
        style={{ width: 140 }}
        value={filters.warranty}
        onChange={(v?: string) => onChange({ warranty: v })}
        options={WARRANTY.map((w) => ({ value: w, label: t(`assets.warrantyFilter.${w}`) }))}
        data-testid="filter-warranty"
      />
      <Select
        allowClear
        placeholder={t('assets.filters.importance')}
        style={{ width: 120 }}
        value={filters.importance}
        onChange={(v?: string) => onChange({ importance: v })}
        options={AssetImportance.options.map((i) => ({ value: i, label: t(`assets.importance.${i}`) }))}
      />
      <Flex>
        <Select
          style={{ width: 100 }}
          value={filters.xinchuangOn ?? 'overall'}
          onChange={(v: string) => onChange({ xinchuangOn: v === 'overall' ? undefined : v })}
          options={DIMENSIONS.map((d) => ({ value: d, label: t(`assets.xinchuang.dimensions.${d}`) }))}
          aria-label={t('assets.filters.xinchuangOn')}
        />
        <Select
          allowClear
          placeholder={t('assets.filters.xinchuang')}
          style={{ width: 110 }}
          value={filters.xinchuang}
          onChange={(v?: string) => onChange({ xinchuang: v })}
          options={XinchuangState.options.map((x) => ({ value: x, label: t(`assets.xinchuang.${x}`) }))}
        />
      </Flex>
      <ContractSelect allowClear orgId={filters.orgId} placeholder={t('assets.filters.contract')} style={{ width: 200 }} value={filters.contractId} onChange={(v) => onChange({ contractId: v })} />
      <Button onClick={onReset} data-testid="filter-reset">{t('common.reset')}</Button>
      {extra}
    </Flex>
  );
}
