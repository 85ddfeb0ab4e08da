import { Button, Flex, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { AssetPick } from '../alerts/AssetPick.tsx';
import type { TicketFilters } from './tickets.api.ts';
import { useLevelOptions } from './useLevelOptions.ts';
import type { TicketFilterKey } from './useTicketFilters.ts';

type Props = {
  filters: TicketFilters;
  /** the asset's name for the picker, when known */
  assetName?: string | null;
  onChange: (patch: Partial<Record<TicketFilterKey, string | undefined | null>>) => void;
  onReset: () => void;
};

const csv = (list: readonly string[]) => (list.length ? list.join(',') : undefined);

/** Search, status, type, level, assignee, breached only, asset and sort; the organisation is the header's scope. */
export function TicketFilterBar({ filters, assetName, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const levels = useLevelOptions(filters.orgId);
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} data-testid="ticket-filters">
      <Input.Search
        key={filters.q ?? '' /* a reset empties the box */}
        allowClear
        defaultValue={filters.q}
        placeholder={t('servicedesk.tickets.search')}
        style={{ width: 260 }}
        onSearch={(v) => onChange({ q: v.trim() })}
        data-testid="ticket-search"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('servicedesk.tickets.filters.status')}
        style={{ width: 200 }}
        value={filters.status ?? []}
        onChange={(v: string[]) => onChange({ status: csv(v) })}
        options={[{ value: 'open', label: t('servicedesk.status.open') }, ...TicketStatus.options.map((s) => ({ value: s, label: t(`servicedesk.status.${s}`) }))]}
        data-testid="ticket-filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('servicedesk.tickets.filters.type')}
        style={{ width: 170 }}
        value={filters.type ?? []}
        onChange={(v: string[]) => onChange({ type: csv(v) })}
        options={TicketType.options.map((s) => ({ value: s, label: t(`servicedesk.type.${s}`) }))}
        data-testid="ticket-filter-type"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('servicedesk.tickets.filters.level')}
        style={{ width: 180 }}
        value={filters.level ?? []}
        onChange={(v: string[]) => onChange({ level: csv(v) })}
        options={levels}
        data-testid="ticket-filter-level"
      />
      <Select
        allowClear
        placeholder={t('servicedesk.tickets.filters.assignee')}
        style={{ width: 140 }}
        value={filters.assignee}
        onChange={(v: string | undefined) => onChange({ assignee: v })}
        options={[
          { value: 'me', label: t('servicedesk.tickets.filters.mine') },
          { value: 'none', label: t('servicedesk.tickets.filters.unassigned') },
        ]}
        data-testid="ticket-filter-assignee"
      />
      {can(me, 'asset.read') && (
        <AssetPick
          value={filters.assetId ?? null}
          current={filters.assetId ? { id: filters.assetId, name: assetName ?? filters.assetId } : null}
          orgId={filters.orgId}
          onChange={(v) => onChange({ assetId: v })}
          placeholder={t('servicedesk.tickets.filters.asset')}
          style={{ width: 220 }}
          data-testid="ticket-filter-asset"
        />
      )}
      <Flex align="center" gap={6}>
        <Switch size="small" checked={Boolean(filters.isBreachedOnly)} onChange={(on) => onChange({ breached: on ? '1' : null })} data-testid="ticket-filter-breached" />
        <Typography.Text>{t('servicedesk.tickets.filters.breached')}</Typography.Text>
      </Flex>
      <Select
        style={{ width: 150 }}
        value={filters.sort ?? 'nearestBreach'}
        onChange={(v: string) => onChange({ sort: v === 'nearestBreach' ? null : v })}
        options={(['nearestBreach', '-createdAt', 'createdAt'] as const).map((s) => ({ value: s, label: t(`servicedesk.tickets.sort.${s}`) }))}
        data-testid="ticket-sort"
      />
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
