import { Card, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TicketChannel, TicketResolutionCode, type TicketEvent } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import type { servicedeskZhCN } from '../../i18n/servicedesk.zh-CN.ts';
import { useTicketEvents } from './useTickets.ts';

type EventKind = keyof typeof servicedeskZhCN.timeline.kind;
const KINDS = new Set<string>(['opened', 'responded', 'on_site', 'in_progress', 'paused', 'resumed', 'resolved', 'closed', 'reopened', 'reassigned', 'level_changed', 'merged', 'rated', 'alert_update', 'policy_updated', 'updated'] satisfies EventKind[]);
const isKind = (k: string): k is EventKind => KINDS.has(k);

const COLOR: Partial<Record<EventKind, string>> = { opened: 'red', responded: 'orange', on_site: 'gold', paused: 'purple', resumed: 'blue', resolved: 'green', closed: 'gray', reopened: 'red', level_changed: 'orange' };

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** One event's details as short readable lines (the note, the reason, the level, the resolution …). */
function EventDetails({ event }: { event: TicketEvent }) {
  const { t } = useTranslation();
  const d = event.details;
  const lines: string[] = [];
  const channel = TicketChannel.safeParse(d.channel);
  if (event.kind === 'opened') {
    if (str(d.levelName)) lines.push(t('servicedesk.timeline.level', { level: str(d.levelName) }));
    if (channel.success) lines.push(t('servicedesk.timeline.channel', { channel: t(`servicedesk.channel.${channel.data}`) }));
  }
  if (event.kind === 'paused' && str(d.reasonName)) lines.push(t('servicedesk.timeline.reason', { reason: str(d.reasonName) }));
  if (event.kind === 'reopened' && str(d.reason)) lines.push(t('servicedesk.timeline.reason', { reason: str(d.reason) }));
  if (event.kind === 'level_changed') {
    lines.push(t('servicedesk.timeline.levelTo', { level: str(d.toName) ?? str(d.to) ?? '—' }));
    if (str(d.reason)) lines.push(t('servicedesk.timeline.reason', { reason: str(d.reason) }));
  }
  const code = TicketResolutionCode.safeParse(d.resolutionCode);
  if (code.success) lines.push(t('servicedesk.timeline.resolution', { code: t(`servicedesk.resolutionCode.${code.data}`) }));
  if (str(d.mergedIntoNumber)) lines.push(t('servicedesk.timeline.mergedInto', { number: str(d.mergedIntoNumber) }));
  if (str(d.duplicateNumber)) lines.push(t('servicedesk.timeline.duplicate', { number: str(d.duplicateNumber) }));
  if (typeof d.score === 'number') lines.push(t('servicedesk.timeline.score', { score: d.score }));
  if (d.auto === true) lines.push(t('servicedesk.timeline.autoClosed'));
  if (typeof d.toVersion === 'number') lines.push(t('servicedesk.timeline.policyVersion', { version: d.toVersion }));
  if (Array.isArray(d.fields) && d.fields.length) lines.push(t('servicedesk.timeline.fields', { fields: d.fields.map(String).join(t('common.listSeparator')) }));
  if (str(d.note)) lines.push(str(d.note) ?? '');
  if (!lines.length) return null;
  return (
    <Space orientation="vertical" size={0}>
      {lines.map((line, i) => (
        <Typography.Text key={i} type="secondary" style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
          {line}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** 处理记录: every step of the ticket, oldest first, with who did it. */
export function TicketTimelineCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const events = useTicketEvents(ticketId);
  const items = [...(events.data?.items ?? [])].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <Card size="small" title={t('servicedesk.timeline.title')} loading={events.isPending} data-testid="ticket-timeline">
      {events.isError && <ErrorState title={t('servicedesk.timeline.title')} message={errorMessage(events.error)} retryLabel={t('common.retry')} onRetry={() => void events.refetch()} />}
      {items.length === 0 && !events.isError ? (
        <EmptyState description={t('servicedesk.timeline.empty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((e) => ({
            key: e.id,
            color: isKind(e.kind) ? (COLOR[e.kind] ?? 'blue') : 'gray',
            content: (
              <Space orientation="vertical" size={0} data-testid="ticket-event" data-kind={e.kind}>
                <Typography.Text strong>{isKind(e.kind) ? t(`servicedesk.timeline.kind.${e.kind}`) : e.kind}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {e.actorName}
                </Typography.Text>
                <EventDetails event={e} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
