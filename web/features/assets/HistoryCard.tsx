import { useMemo } from 'react';
import { Link } from 'react-router';
import { Card, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetImportance, AssetRelationKind, AssetStatus, type AssetHistoryEntry, type AssetKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useOrganisations } from '../organisations/useOrganisations.ts';
import { fieldLabel, formatAttribute } from './asset-format.ts';
import { changeLines, relationOf, type HistoryContext } from './history-format.ts';
import { useAssetHistory, useAssetRelations } from './useAssets.ts';
import { useContracts, useKinds, useLocations, useVendors } from './useCatalog.ts';

const ACTION_COLOR: Record<AssetHistoryEntry['action'], string> = { create: 'green', import: 'cyan', update: 'blue', delete: 'red', relation_add: 'purple', relation_remove: 'orange' };
const FIELD_KEYS = new Set(['orgId', 'kindId', 'code', 'name', 'brand', 'model', 'serialNumber', 'quantity', 'unit', 'status', 'locationId', 'rackUnitStart', 'rackUnitSize', 'ownerDepartmentId', 'ownerPerson', 'engineerId', 'importance', 'purchaseMonth', 'warrantyYears', 'warrantyEndsOn', 'vendorId', 'contractId', 'endOfServiceOn', 'managementIps', 'hostNames', 'cpu', 'os', 'database', 'middleware', 'notes'] as const);
type FieldKey = typeof FIELD_KEYS extends Set<infer K> ? K : never;
const isFieldKey = (k: string): k is FieldKey => (FIELD_KEYS as Set<string>).has(k);

/** 变更历史: who changed what when, newest first, each field as before → after. */
export function HistoryCard({ assetId, kind }: { assetId: string; kind: AssetKind | undefined }) {
  const { t } = useTranslation();
  const history = useAssetHistory(assetId);
  const relations = useAssetRelations(assetId);
  const me = useMe();
  const orgs = useOrganisations(can(me, 'org.read'));
  const kinds = useKinds();
  const locations = useLocations();
  const vendors = useVendors();
  const contracts = useContracts();

  const ctx: HistoryContext = useMemo(() => {
    const names = new Map<string, string>();
    orgs.data?.forEach((o) => names.set(o.id, o.name));
    kinds.data?.forEach((k) => names.set(k.id, k.name));
    locations.data?.forEach((l) => names.set(l.id, l.fullName));
    vendors.data?.forEach((v) => names.set(v.id, v.name));
    contracts.data?.forEach((c) => names.set(c.id, `${c.code} ${c.name}`));
    const empty = t('assets.history.empty_value');
    const yesNo = { true: t('assets.boolean.true'), false: t('assets.boolean.false') };
    return {
      fieldLabel: (f) => (isFieldKey(f) ? t(`assets.fields.${f}`) : f),
      attributeField: (key) => kind?.fields.find((f) => f.key === key),
      attributeLabel: (key) => {
        const def = kind?.fields.find((f) => f.key === key);
        return `${t('assets.fields.attributes')} · ${def ? fieldLabel(def) : key}`;
      },
      formatAttribute: (def, v) => (v === null ? empty : formatAttribute(def, v, yesNo)),
      formatValue: (field, v) => {
        if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return empty;
        const status = AssetStatus.safeParse(v);
        if (field === 'status' && status.success) return t(`assets.status.${status.data}`);
        const importance = AssetImportance.safeParse(v);
        if (field === 'importance' && importance.success) return t(`assets.importance.${importance.data}`);
        if (Array.isArray(v)) return v.join(', ');
        if (typeof v === 'string') return names.get(v) ?? v;
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
      },
    };
  }, [orgs.data, kinds.data, locations.data, vendors.data, contracts.data, kind, t]);

  const otherName = (id: string) => relations.data?.find((r) => r.other.id === id)?.other.name ?? id.slice(0, 8);
  const items = (history.data ?? []).map((entry) => {
    const lines = changeLines(entry, ctx);
    const relation = relationOf(entry);
    const other = relation ? (relation.fromAssetId === assetId ? relation.toAssetId : relation.fromAssetId) : null;
    const relationKind = AssetRelationKind.safeParse(relation?.kind);
    return {
      key: entry.id,
      color: ACTION_COLOR[entry.action],
      content: (
        <div data-testid="history-entry">
          <Space size={8} wrap>
            <Typography.Text type="secondary">{formatDateTime(entry.changedAt)}</Typography.Text>
            <Typography.Text strong>{entry.actorName ?? t('assets.history.system')}</Typography.Text>
            <Tag color={ACTION_COLOR[entry.action]}>{t(`assets.history.actions.${entry.action}`)}</Tag>
            {entry.importId && <Link to={`/assets/import/${entry.importId}`}>{t('assets.history.fromImport')}</Link>}
          </Space>
          {other && relationKind.success && (
            <Space size={4} style={{ marginTop: 4 }}>
              <Tag>{relation?.fromAssetId === assetId ? t(`assets.relations.kinds.${relationKind.data}`) : t(`assets.relations.inverse.${relationKind.data}`)}</Tag>
              <Link to={`/assets/${other}`}>{otherName(other)}</Link>
            </Space>
          )}
          {lines.map((l) => (
            <div key={l.key} style={{ marginTop: 4 }} data-testid={`history-change-${l.key}`}>
              <Typography.Text type="secondary" style={{ marginRight: 8 }}>{l.label}</Typography.Text>
              <Typography.Text delete type="secondary">{l.before}</Typography.Text>
              <span style={{ margin: '0 6px' }}>→</span>
              <Typography.Text>{l.after}</Typography.Text>
            </div>
          ))}
        </div>
      ),
    };
  });

  return (
    <Card size="small" title={t('assets.detail.history')} data-testid="history-card">
      {history.isError && <ErrorState title={t('assets.detail.history')} message={errorMessage(history.error)} />}
      {history.isPending ? <Skeleton active /> : items.length === 0 ? <EmptyState description={t('assets.history.empty')} /> : <Timeline items={items} />}
    </Card>
  );
}
