import { Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';
import type { SlaClockKind } from '../../../shared/schemas/sla.ts';
import { formatDateTime } from '../../app/format.ts';
import { countdownTone, STATUS_COLOR, TONE_COLOR } from './desk-format.ts';
import { useDeskFormat } from './useDeskFormat.ts';

/** 新建 / 已响应 / 已到场 / 处理中 / 挂起 / 已解决 / 已关闭. */
export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="ticket-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`servicedesk.status.${status}`)}
    </Tag>
  );
}

/**
 * The level as the contract names it (一级故障, 紧急 …). Levels belong to each policy, so a row cannot tell how severe
 * its level is among the others; one colour for all, the name says it.
 */
export function TicketLevelTag({ name, levelKey }: { name: string; levelKey: string }) {
  return (
    <Tag color="geekblue" data-testid="ticket-level" data-level={levelKey} style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}

export function TicketTypeTag({ type }: { type: TicketType }) {
  const { t } = useTranslation();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`servicedesk.type.${type}`)}</Tag>;
}

type CountdownProps = {
  dueAt: string | null;
  clock: SlaClockKind | null;
  isBreached: boolean;
  isPaused?: boolean;
  nowMs: number;
  /** the workbench's large figure */
  size?: 'default' | 'large';
  withSeconds?: boolean;
};

/**
 * The nearest SLA due of a queue row as a live countdown: red when breached, orange when close, with the clock it
 * belongs to and the due time in a tooltip. Paused or stopped clocks have no countdown.
 */
export function SlaCountdown({ dueAt, clock, isBreached, isPaused, nowMs, size = 'default', withSeconds }: CountdownProps) {
  const { t } = useTranslation();
  const { countdown } = useDeskFormat();
  const tone = countdownTone({ dueAt, isBreached, nowMs });
  if (!dueAt) {
    return (
      <Typography.Text type="secondary" data-testid="sla-countdown" data-tone={isBreached ? 'breached' : 'none'}>
        {isPaused ? <><PauseCircleOutlined /> {t('servicedesk.countdown.paused')}</> : isBreached ? <span style={{ color: TONE_COLOR.breached }}>{t('servicedesk.countdown.breached')}</span> : t('servicedesk.countdown.none')}
      </Typography.Text>
    );
  }
  const label = clock ? t(`servicedesk.clock.${clock}`) : '';
  return (
    <Tooltip title={t('servicedesk.countdown.due', { clock: label, at: formatDateTime(dueAt) })}>
      <span data-testid="sla-countdown" data-tone={tone} style={{ color: TONE_COLOR[tone], fontWeight: 600, fontSize: size === 'large' ? 22 : undefined, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {countdown(dueAt, nowMs, withSeconds)}
        {label && (
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginInlineStart: 6 }}>
            {label}
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}
