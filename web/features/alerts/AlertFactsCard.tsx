import { Link } from 'react-router';
import { Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../shared/schemas/alerts.ts';
import { formatDateTime } from '../../app/format.ts';
import { useEscalationPolicy, useRoute, useSilence } from './useAlertConfig.ts';
import { useUserDirectory } from './useUserDirectory.ts';

/** Why nobody is told about this alert, with the way to the silence, the maintenance windows or the upstream cause. */
function SuppressionFact({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const silence = useSilence(alert.suppression === 'silence' ? alert.silenceId : null);
  if (!alert.suppression) return <>—</>;
  return (
    <Space orientation="vertical" size={2} data-testid="alert-suppression">
      <Typography.Text>{t(`alerts.suppressionHint.${alert.suppression}`)}</Typography.Text>
      {alert.suppression === 'silence' && alert.silenceId && (
        <Space size={8} wrap>
          {silence.data && <Typography.Text type="secondary">{t('alerts.detail.silenceUntil', { reason: silence.data.reason, time: formatDateTime(silence.data.endsAt) })}</Typography.Text>}
          <Link to={`/alerts/silences?silence=${alert.silenceId}`}>{t('alerts.detail.openSilence')}</Link>
        </Space>
      )}
      {alert.suppression === 'dependency' && alert.causeAlertId && <Link to={`/alerts/${alert.causeAlertId}`}>{t('alerts.detail.openCause')}</Link>}
      {alert.suppression === 'maintenance' && <Link to="/monitoring/maintenance">{t('alerts.detail.openMaintenance')}</Link>}
    </Space>
  );
}

/** Where the alert is, what it carries (labels, dedup key), how it was routed and why it may be suppressed. */
export function AlertFactsCard({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const { nameOf } = useUserDirectory();
  const route = useRoute(alert.routeId);
  const policy = useEscalationPolicy(alert.escalationPolicyId);
  const labels = Object.entries(alert.labels).sort(([a], [b]) => a.localeCompare(b));
  const steps = policy.data?.steps.length;
  const items: DescriptionsProps['items'] = [
    { key: 'org', label: t('alerts.columns.org'), children: alert.orgName },
    { key: 'source', label: t('alerts.columns.source'), children: t(`alerts.source.${alert.source}`) },
    { key: 'asset', label: t('alerts.columns.asset'), children: alert.assetId ? <Link to={`/assets/${alert.assetId}`} data-testid="alert-asset-link">{alert.assetName ?? alert.assetId}</Link> : '—' },
    {
      key: 'probe',
      label: t('alerts.facts.probe'),
      children: alert.probeId ? <Link to={`/monitoring/probes/${alert.probeId}`} data-testid="alert-probe-link">{alert.labels.probe ?? t('alerts.facts.openProbe')}</Link> : '—',
    },
    { key: 'first', label: t('alerts.columns.firstFiredAt'), children: formatDateTime(alert.firstFiredAt) },
    { key: 'last', label: t('alerts.columns.lastFiredAt'), children: `${formatDateTime(alert.lastFiredAt)} · ${t('alerts.facts.count', { count: alert.count })}` },
    {
      key: 'acknowledged',
      label: t('alerts.status.acknowledged'),
      children: alert.acknowledgedAt ? `${formatDateTime(alert.acknowledgedAt)} · ${alert.acknowledgedBy ? nameOf(alert.acknowledgedBy) : '—'}` : '—',
    },
    {
      key: 'resolved',
      label: t('alerts.status.resolved'),
      children: alert.resolvedAt ? `${formatDateTime(alert.resolvedAt)} · ${alert.resolvedBy ? nameOf(alert.resolvedBy) : t('alerts.columns.autoResolved')}` : '—',
    },
    { key: 'dedup', label: t('alerts.facts.dedupKey'), children: <Typography.Text code copyable>{alert.dedupKey}</Typography.Text> },
    { key: 'ticket', label: t('alerts.facts.ticket'), children: alert.ticketRef ?? '—' },
    { key: 'route', label: t('alerts.facts.route'), children: alert.routeId ? <Link to="/alerts/routes">{route.data?.name ?? alert.routeId}</Link> : t('alerts.facts.noRoute') },
    {
      key: 'escalation',
      label: t('alerts.facts.escalation'),
      children: alert.escalationPolicyId ? (
        <Space orientation="vertical" size={0}>
          <Link to="/alerts/escalation">{policy.data?.name ?? alert.escalationPolicyId}</Link>
          <Typography.Text type="secondary" data-testid="alert-escalation-step">
            {alert.escalationStep === 0 ? t('alerts.facts.stepNone') : t('alerts.facts.step', { step: alert.escalationStep, total: steps ?? '?' })}
            {alert.nextEscalationAt && alert.status === 'firing' && ` · ${t('alerts.facts.nextEscalation', { time: formatDateTime(alert.nextEscalationAt) })}`}
          </Typography.Text>
        </Space>
      ) : (
        '—'
      ),
    },
    { key: 'suppression', label: t('alerts.facts.suppression'), span: 'filled' as const, children: <SuppressionFact alert={alert} /> },
    ...(alert.url
      ? [{ key: 'url', label: t('alerts.facts.url'), span: 'filled' as const, children: <a href={alert.url} target="_blank" rel="noreferrer noopener">{alert.url}</a> }]
      : []),
    {
      key: 'labels',
      label: t('alerts.facts.labels'),
      span: 'filled' as const,
      children: labels.length ? (
        <Space size={[4, 4]} wrap data-testid="alert-labels">
          {labels.map(([k, v]) => (
            <Tag key={k} style={{ marginInlineEnd: 0 }}>
              {k}={v}
            </Tag>
          ))}
        </Space>
      ) : (
        '—'
      ),
    },
  ];
  return (
    <Card size="small" title={t('alerts.detail.facts')} data-testid="alert-facts">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
      {alert.summary && (
        <Typography.Paragraph style={{ margin: '12px 0 0', whiteSpace: 'pre-wrap' }} data-testid="alert-summary-text">
          {alert.summary}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
