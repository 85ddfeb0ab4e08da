import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertSource } from '../../../shared/schemas/alerts.ts';
import { DISPLAY_TZ, wallTimeToIso } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import type { AlertFilters } from './alerts.api.ts';
import { AssetPick } from './AssetPick.tsx';
import type { AlertFilterKey, AlertTab } from './useAlertFilters.ts';

type Props = {
  tab: AlertTab;
  filters: AlertFilters;
  /** the asset's name for the picker, when an alert on screen carries it */
  assetName?: string | null;
  onChange: (patch: Partial<Record<AlertFilterKey, string | undefined | null>>) => void;
  onReset: () => void;
};

const csv = (list: readonly string[]) => (list.length ? list.join(',') : undefined);

/** Search, level, status (active tab), source, asset and, on the history tab, a time range; the organisation is the header's scope. */
export function AlertFilterBar({ tab, filters, assetName, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const toWall = (iso: string | undefined) => (iso ? dayjs(dayjs(iso).tz(DISPLAY_TZ).format('YYYY-MM-DDTHH:mm')) : null);
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="alert-filters">
      <Input.Search
        key={filters.q ?? '' /* a reset empties the box */}
        allowClear
        defaultValue={filters.q}
        placeholder={t('alerts.center.search')}
        style={{ width: 240 }}
        onSearch={(v) => onChange({ q: v.trim() })}
        data-testid="alert-search"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('alerts.center.filters.severity')}
        style={{ width: 200 }}
        value={filters.severity ?? []}
        onChange={(v: string[]) => onChange({ severity: csv(v) })}
        options={AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))}
        data-testid="alert-filter-severity"
      />
      {tab === 'active' && (
        <Select
          mode="multiple"
          allowClear
          placeholder={t('alerts.center.filters.status')}
          style={{ width: 190 }}
          value={filters.status ?? []}
          onChange={(v: string[]) => onChange({ status: csv(v) })}
          options={(['firing', 'acknowledged'] as const).map((s) => ({ value: s, label: t(`alerts.status.${s}`) }))}
          data-testid="alert-filter-status"
        />
      )}
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('alerts.center.filters.source')}
        style={{ width: 200 }}
        value={filters.source ?? []}
        onChange={(v: string[]) => onChange({ source: csv(v) })}
        options={AlertSource.options.map((s) => ({ value: s, label: t(`alerts.source.${s}`) }))}
        data-testid="alert-filter-source"
      />
      {can(me, 'asset.read') && (
        <AssetPick
          value={filters.assetId ?? null}
          current={filters.assetId ? { id: filters.assetId, name: assetName ?? filters.assetId } : null}
          orgId={filters.orgId}
          onChange={(v) => onChange({ assetId: v })}
          placeholder={t('alerts.center.filters.asset')}
          style={{ width: 220 }}
          data-testid="alert-filter-asset"
        />
      )}
      {tab === 'history' && (
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          value={[toWall(filters.from), toWall(filters.to)]}
          onChange={(range) => onChange({ from: range?.[0] ? wallTimeToIso(range[0]) : undefined, to: range?.[1] ? wallTimeToIso(range[1]) : undefined })}
          placeholder={[t('alerts.center.filters.from'), t('alerts.center.filters.to')]}
          data-testid="alert-filter-range"
        />
      )}
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
