import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, List, Statistic, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatAvailability, formatLatency, periodRange } from './monitoring-format.ts';
import { ProbeFormModal } from './ProbeFormModal.tsx';
import { ProbeStateTag } from './ProbeStateTag.tsx';
import { useMonitoringFormat, useNow } from './useMonitoringFormat.ts';
import { useAssetAvailability, useProbeList } from './useProbes.ts';

type Props = { assetId: string; orgId?: string; assetName?: string };

/**
 * 监测 on the asset page: the asset's probes with their state, and the system's 30-day availability (down whenever
 * any of its probes is down). Renders nothing for users without probe.read, so the asset page can always include it.
 */
export function AssetProbesCard(props: Props) {
  const me = useMe();
  return can(me, 'probe.read') ? <AssetProbesCardBody {...props} /> : null;
}

function AssetProbesCardBody({ assetId, orgId, assetName }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { ago, duration } = useMonitoringFormat();
  const nowMs = useNow(60_000);
  const range = useMemo(() => periodRange('30d', nowMs), [nowMs]);
  const probes = useProbeList({ assetId, page: 1, pageSize: 50 });
  const items = probes.data?.items ?? [];
  const availability = useAssetAvailability(assetId, range);
  const [isCreating, setCreating] = useState(false);
  const canManage = can(me, 'probe.manage');
  const a = availability.data;

  return (
    <Card
      size="small"
      title={t('monitoring.asset.title')}
      extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="asset-probe-create">{t('monitoring.asset.addProbe')}</Button>}
      data-testid="asset-probes-card"
    >
      {probes.isError && <ErrorState title={t('monitoring.asset.title')} message={errorMessage(probes.error)} retryLabel={t('common.retry')} onRetry={() => void probes.refetch()} />}
      {items.length > 0 && (
        <Flex gap={24} align="flex-end" style={{ marginBottom: 8 }}>
          <Tooltip title={t('monitoring.asset.availabilityHint')}>
            <Statistic
              title={t('monitoring.asset.availability30d')}
              value={a ? formatAvailability(a.availabilityPct) : availability.isError ? '—' : '…'}
              styles={{ content: { fontSize: 20, color: a ? (a.meetsTarget ? '#389e0d' : '#cf1322') : undefined } }}
              data-testid="asset-availability"
            />
          </Tooltip>
          {a && <Typography.Text type="secondary">{t('monitoring.detail.downtime')} {duration(a.downtimeSeconds)}</Typography.Text>}
          {availability.isError && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{errorMessage(availability.error)}</Typography.Text>}
        </Flex>
      )}
      <List
        size="small"
        loading={probes.isPending}
        dataSource={items}
        locale={{ emptyText: <EmptyState description={t('monitoring.asset.empty')} /> }}
        renderItem={(p) => (
          <List.Item style={{ paddingInline: 0 }} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.lastCheck ? `${formatLatency(p.lastCheck.latencyMs)} · ${ago(p.lastCheck.checkedAt, nowMs)}` : t('monitoring.probes.neverChecked')}</Typography.Text>}>
            <Flex gap={8} align="center">
              <ProbeStateTag state={p.state} message={p.stateMessage} />
              <Link to={`/monitoring/probes/${p.id}`}>{p.name}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`monitoring.kind.${p.kind}`)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <ProbeFormModal open={isCreating} onClose={() => setCreating(false)} defaults={{ orgId, assetId, assetName }} />
    </Card>
  );
}
