import { Alert, Card, Descriptions, Flex, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../shared/schemas/servicedesk.ts';
import type { SlaClockState } from '../../../shared/schemas/sla.ts';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { clockTone, TONE_COLOR } from './desk-format.ts';
import { useDeskFormat } from './useDeskFormat.ts';

const TAG_COLOR = { breached: 'error', warning: 'warning', normal: 'success', none: 'default' } as const;

/** One clock: state, due time, used / left / paused time against its target, and the engine's explanation. */
function ClockRow({ clock, nowMs }: { clock: SlaClockState; nowMs: number }) {
  const { t } = useTranslation();
  const { minutes, text, countdown } = useDeskFormat();
  const tone = clockTone(clock);
  const isCounting = clock.status === 'running' || clock.status === 'paused';
  const statusTag = (
    <Tag color={clock.status === 'paused' ? 'purple' : TAG_COLOR[tone]} data-testid="sla-clock-status" data-status={clock.status} style={{ marginInlineEnd: 0 }}>
      {t(`servicedesk.clockStatus.${clock.status}`)}
    </Tag>
  );
  if (clock.status === 'not_applicable') {
    return (
      <Flex justify="space-between" align="center" data-testid={`sla-clock-${clock.kind}`} data-tone="none" style={{ padding: '8px 0' }}>
        <Typography.Text type="secondary">{t(`servicedesk.clock.${clock.kind}`)}</Typography.Text>
        {statusTag}
      </Flex>
    );
  }
  const remaining = clock.remainingBusinessMinutes;
  return (
    <div data-testid={`sla-clock-${clock.kind}`} data-tone={tone} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8} wrap>
          <Typography.Text strong>{t(`servicedesk.clock.${clock.kind}`)}</Typography.Text>
          {statusTag}
          {clock.isWarning && !clock.isBreached && <Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('servicedesk.clocks.warning')}</Tag>}
          {clock.isBreached && clock.status !== 'breached' && <Tag color="error" style={{ marginInlineEnd: 0 }}>{t('servicedesk.clockStatus.breached')}</Tag>}
          <Tag style={{ marginInlineEnd: 0 }}>{t(`servicedesk.clocks.measuredOn.${clock.measuredOn}`)}</Tag>
        </Space>
        {clock.dueAt && (
          <Typography.Text style={{ color: TONE_COLOR[tone], fontWeight: 600 }} data-testid="sla-clock-due">
            {t('servicedesk.clocks.dueAt', { at: formatDateTime(clock.dueAt) })}
          </Typography.Text>
        )}
      </Flex>
      {clock.targetMinutes !== null && (
        <Progress
          percent={Math.min(100, Math.max(0, Math.round(clock.percentUsed)))}
          strokeColor={TONE_COLOR[tone]}
          showInfo={false}
          size="small"
          style={{ margin: '6px 0' }}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} colon>
        {clock.targetMinutes !== null && <Descriptions.Item label={t('servicedesk.clocks.target')}>{minutes(clock.targetMinutes)}</Descriptions.Item>}
        <Descriptions.Item label={t('servicedesk.clocks.elapsed')}>{minutes(clock.elapsedBusinessMinutes)}</Descriptions.Item>
        {isCounting ? (
          <Descriptions.Item label={remaining < 0 ? t('servicedesk.clocks.overdueBy') : t('servicedesk.clocks.remaining')}>
            <span style={{ color: TONE_COLOR[tone] }} data-testid="sla-clock-remaining">{minutes(remaining)}</span>
            {clock.status === 'running' && clock.dueAt && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                （{countdown(clock.dueAt, nowMs)}）
              </Typography.Text>
            )}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('servicedesk.clocks.stoppedAt')}>
            {formatDateTime(clock.stoppedAt)}
            {clock.stoppedBy && <Typography.Text type="secondary"> · {t(`servicedesk.clocks.stoppedBy.${clock.stoppedBy}`)}</Typography.Text>}
          </Descriptions.Item>
        )}
        {clock.pausedWallMinutes > 0 && (
          <Descriptions.Item label={t('servicedesk.clocks.paused')}>
            <Tooltip title={t('servicedesk.clocks.pausedWall', { time: minutes(clock.pausedWallMinutes) })}>{minutes(clock.pausedMinutes)}</Tooltip>
          </Descriptions.Item>
        )}
        {clock.breachedAt && <Descriptions.Item label={t('servicedesk.clocks.breachedAt')}>{formatDateTime(clock.breachedAt)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} data-testid="sla-clock-explanation">
        {text(clock.explanation)}
      </Typography.Paragraph>
    </div>
  );
}

/** SLA 计时: the ticket's clocks computed at the time of the request, each explained, plus the policy that applies and why. */
export function SlaClocksCard({ ticket, nowMs }: { ticket: TicketDetail; nowMs: number }) {
  const { t } = useTranslation();
  const { text } = useDeskFormat();
  const ev = ticket.clocks;
  return (
    <Card
      size="small"
      title={t('servicedesk.clocks.title')}
      extra={
        <Tooltip title={t('servicedesk.clocks.evaluatedAt', { at: formatDateTime(ev.evaluatedAt) })}>
          <Tag color={ev.band === 'off_hours' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(`servicedesk.band.${ev.band}`)}</Tag>
        </Tooltip>
      }
      data-testid="sla-clocks-card"
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text>
          {t('servicedesk.clocks.policy', { name: ticket.sla.policyName, version: ticket.sla.policyVersion ?? '—' })}
          <Tag style={{ marginInlineStart: 8 }}>{t(`servicedesk.policySource.${ticket.sla.source}`)}</Tag>
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="sla-policy-why">{text(ticket.sla.why)}</Typography.Text>
        {ev.incompleteYears.length > 0 && <Alert type="warning" showIcon title={t('servicedesk.clocks.incompleteYears', { years: ev.incompleteYears.join(t('common.listSeparator')) })} />}
        {ev.issues.length > 0 && <Alert type="info" showIcon title={t('servicedesk.clocks.issues')} description={ev.issues.join('；')} />}
        {ev.clocks.length === 0 ? <EmptyState description={t('servicedesk.clocks.empty')} /> : ev.clocks.map((c) => <ClockRow key={c.kind} clock={c} nowMs={nowMs} />)}
        {ev.autoCloseAt && <Typography.Text type="secondary">{t('servicedesk.clocks.autoCloseAt', { at: formatDateTime(ev.autoCloseAt) })}</Typography.Text>}
      </Space>
    </Card>
  );
}
