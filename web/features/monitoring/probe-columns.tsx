import { Link } from 'react-router';
import { Flex, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Probe, ProbeStats } from '../../../shared/schemas/probes.ts';
import { formatDateTime } from '../../app/format.ts';
import { formatAvailability, formatLatency, probeTarget, ratioToPct } from './monitoring-format.ts';
import { ProbeRowActions } from './ProbeRowActions.tsx';
import { ProbeStateTag } from './ProbeStateTag.tsx';
import { Sparkline } from './Sparkline.tsx';
import { useMonitoringFormat } from './useMonitoringFormat.ts';

type Stat = ProbeStats['items'][number];

/** The probe list's columns; `stats` may be missing (still loading, or the stats endpoint failed). */
export function useProbeColumns({ stats, nowMs, canManage }: { stats: Map<string, Stat> | undefined; nowMs: number; canManage: boolean }): TableColumnsType<Probe> {
  const { t } = useTranslation();
  const { ago, duration } = useMonitoringFormat();
  const columns: TableColumnsType<Probe> = [
    {
      title: t('monitoring.probes.columns.name'),
      key: 'name',
      width: 250,
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Link to={`/monitoring/probes/${p.id}`} data-testid={`probe-row-${p.name}`}>{p.name}</Link>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 230 }}>
            {[probeTarget(p), p.assetName].filter(Boolean).join(' · ') || '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('monitoring.probes.columns.kind'), key: 'kind', width: 120, render: (_, p) => t(`monitoring.kind.${p.kind}`) },
    {
      title: t('monitoring.probes.columns.state'),
      key: 'state',
      width: 130,
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Space size={4}>
            <ProbeStateTag state={p.state} message={p.stateMessage} data-testid={`probe-state-${p.name}`} />
            {p.isFlapping && (
              <Tooltip title={t('monitoring.probes.flappingHint')}>
                <SwapOutlined style={{ color: '#faad14' }} aria-label={t('monitoring.probes.flapping')} />
              </Tooltip>
            )}
          </Space>
          <Tooltip title={formatDateTime(p.stateSince)}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{duration((nowMs - Date.parse(p.stateSince)) / 1000, 1)}</Typography.Text>
          </Tooltip>
        </Flex>
      ),
    },
    {
      title: t('monitoring.probes.columns.latency'),
      key: 'latency',
      width: 190,
      render: (_, p) => (
        <Space size={8} align="center">
          <Sparkline values={stats?.get(p.id)?.sparkline ?? []} />
          <Typography.Text style={{ fontSize: 12 }}>{formatLatency(p.lastCheck?.latencyMs)}</Typography.Text>
        </Space>
      ),
    },
    { title: t('monitoring.probes.columns.uptime24h'), key: 'uptime24h', width: 110, align: 'right', render: (_, p) => formatAvailability(ratioToPct(stats?.get(p.id)?.uptime24h)) },
    { title: t('monitoring.probes.columns.uptime30d'), key: 'uptime30d', width: 110, align: 'right', render: (_, p) => formatAvailability(ratioToPct(stats?.get(p.id)?.uptime30d)) },
    {
      title: t('monitoring.probes.columns.lastCheck'),
      key: 'lastCheck',
      width: 220,
      render: (_, p) =>
        p.lastCheck ? (
          <Flex vertical gap={2}>
            <Tooltip title={formatDateTime(p.lastCheck.checkedAt)}>
              <span>{ago(p.lastCheck.checkedAt, nowMs)}</span>
            </Tooltip>
            {p.lastCheck.message && (
              <Typography.Text type="secondary" ellipsis={{ tooltip: p.lastCheck.message }} style={{ fontSize: 12, maxWidth: 260 }}>
                {p.lastCheck.message}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('monitoring.probes.neverChecked')}</Typography.Text>
        ),
    },
  ];
  if (canManage) columns.push({ title: t('common.actions'), key: 'actions', width: 140, fixed: 'right', render: (_, p) => <ProbeRowActions probe={p} /> });
  return columns;
}
