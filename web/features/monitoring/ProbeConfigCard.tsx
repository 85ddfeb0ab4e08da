import { Link } from 'react-router';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Probe } from '../../../shared/schemas/probes.ts';
import { formatDateTime } from '../../app/format.ts';
import { formatAvailability, probeTarget } from './monitoring-format.ts';
import { useMonitoringFormat } from './useMonitoringFormat.ts';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

/** 配置: schedule, placement and the kind's configuration. Secrets are never returned, only whether they are set. */
export function ProbeConfigCard({ probe }: { probe: Probe }) {
  const { t } = useTranslation();
  const { duration } = useMonitoringFormat();
  const target = probeTarget(probe);
  return (
    <Card size="small" title={t('monitoring.detail.config')} data-testid="probe-config-card">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'kind', label: t('monitoring.form.kind'), children: t(`monitoring.kind.${probe.kind}`) },
          ...(target ? [{ key: 'target', label: t('monitoring.bulk.target'), children: <Typography.Text code copyable>{target}</Typography.Text> }] : []),
          { key: 'org', label: t('monitoring.form.org'), children: probe.orgName },
          {
            key: 'asset',
            label: t('monitoring.form.asset'),
            children: probe.assetId ? <Link to={`/assets/${probe.assetId}`}>{probe.assetName ?? probe.assetId}</Link> : t('monitoring.detail.noAsset'),
          },
          {
            key: 'schedule',
            label: t('monitoring.form.sections.schedule'),
            children: t('monitoring.detail.schedule', {
              interval: duration(probe.intervalS),
              timeout: duration(probe.timeoutMs / 1000),
              retries: probe.retries,
              retryInterval: duration(probe.retryIntervalS),
            }),
          },
          { key: 'target-pct', label: t('monitoring.form.availabilityTarget'), children: formatAvailability(probe.availabilityTarget) },
          { key: 'run-on', label: t('monitoring.form.runOn'), children: probe.agentId ? `${t('monitoring.form.agent')}：${probe.agentName ?? probe.agentId}` : t('monitoring.form.central') },
          ...(probe.hasSecrets ? [{ key: 'secrets', label: t('monitoring.form.sections.secrets'), children: <Tag color="green">{t('monitoring.form.secretSet')}</Tag> }] : []),
          { key: 'updated', label: t('monitoring.detail.updatedAt'), children: formatDateTime(probe.updatedAt) },
        ]}
      />
      {Object.keys(probe.config).length > 0 && (
        <pre style={{ ...MONO, margin: '12px 0 0', padding: 12, background: 'rgba(0,0,0,0.03)', borderRadius: 6, maxHeight: 260, overflow: 'auto' }} data-testid="probe-config-json">
          {JSON.stringify(probe.config, null, 2)}
        </pre>
      )}
    </Card>
  );
}
