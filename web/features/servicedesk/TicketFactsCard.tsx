import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Descriptions, Flex, Rate, Space, Tag, Typography } from 'antd';
import { EyeOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../shared/schemas/sla.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { RateModal } from './RateModal.tsx';
import { useDeskFormat } from './useDeskFormat.ts';
import { useRevealPhone, useTicketMutations } from './useTickets.ts';

/** The requester's phone, masked; 查看 reveals it through the audited endpoint (ticket.work) for this page view only. */
function RequesterPhone({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const reveal = useRevealPhone();
  const [phone, setPhone] = useState<string | null>(null);
  if (!ticket.requesterPhone) return <>—</>;
  if (phone) {
    return (
      <Space size={6}>
        <Typography.Text copyable data-testid="requester-phone-full">{phone}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('servicedesk.detail.revealed')}</Typography.Text>
      </Space>
    );
  }
  return (
    <Space size={6}>
      <span data-testid="requester-phone">{ticket.requesterPhone}</span>
      {can(me, 'ticket.work') && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          title={t('servicedesk.detail.revealHint')}
          onClick={() => reveal.mutate(ticket.id, { onSuccess: (p) => setPhone(p ?? '—'), onError: (e) => void message.error(errorMessage(e)) })}
          data-testid="requester-phone-reveal"
        >
          {t('servicedesk.detail.reveal')}
        </Button>
      )}
    </Space>
  );
}

/** 工单信息: requester, what is affected, who has it, how it ended, and the times of each step. */
export function TicketFactsCard({ ticket, policy }: { ticket: TicketDetail; policy: SlaPolicy | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { name, minutes } = useDeskFormat();
  const { rate } = useTicketMutations();
  const [isRating, setRating] = useState(false);
  const axis = (list: ReadonlyArray<{ key: string; name: string; nameEn: string }> | undefined, key: string | null) => {
    if (!key) return null;
    const found = list?.find((a) => a.key === key);
    return found ? name(found) : key;
  };
  const impact = axis(policy?.priorityMatrix?.impacts, ticket.impact);
  const urgency = axis(policy?.priorityMatrix?.urgencies, ticket.urgency);
  const isDone = ticket.status === 'resolved' || ticket.status === 'closed';

  return (
    <Card size="small" title={t('servicedesk.detail.facts')} data-testid="ticket-facts">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('servicedesk.common.requester')}>{ticket.requesterName}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.phone')}>
          <RequesterPhone ticket={ticket} />
        </Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.org')}>{ticket.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.channel')}>{t(`servicedesk.channel.${ticket.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.category')}>{ticket.category?.path ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.impactUrgency')}>{impact && urgency ? `${impact} × ${urgency}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.group')}>{ticket.assignmentGroup?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.assignee')}>
          <span data-testid="ticket-assignee-name">{ticket.assignee?.name ?? t('servicedesk.common.unassigned')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.assets')} span={2}>
          {ticket.assets.length ? (
            <Flex gap={6} wrap data-testid="ticket-assets-links">
              {ticket.assets.map((a) => (
                <Link key={a.id} to={`/assets/${a.id}`}>
                  <Tag style={{ cursor: 'pointer' }}>{a.code ? `${a.code} ${a.name}` : a.name || a.id}</Tag>
                </Link>
              ))}
            </Flex>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {ticket.alertIds.length > 0 && (
          <Descriptions.Item label={t('servicedesk.detail.alerts')} span={2}>
            <Flex gap={6} wrap data-testid="ticket-alert-links">
              {ticket.alertIds.map((id, i) => (
                <Link key={id} to={`/alerts/${id}`}>{t('servicedesk.detail.alertLink', { n: i + 1 })}</Link>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
        {ticket.pause && (
          <Descriptions.Item label={t('servicedesk.status.pending')} span={2}>
            {t('servicedesk.detail.pausedFor', { reason: ticket.pause.reasonName, since: formatDateTime(ticket.pause.since) })}
          </Descriptions.Item>
        )}
        {ticket.mergedInto && (
          <Descriptions.Item label={t('servicedesk.detail.mergedInto')} span={2}>
            <Link to={`/servicedesk/tickets/${ticket.mergedInto.id}`}>{ticket.mergedInto.number}</Link>
          </Descriptions.Item>
        )}
        {ticket.resolutionCode && (
          <Descriptions.Item label={t('servicedesk.detail.resolution')} span={2}>
            <Tag color="green">{t(`servicedesk.resolutionCode.${ticket.resolutionCode}`)}</Tag>
            {ticket.resolutionNote}
          </Descriptions.Item>
        )}
        {ticket.rootCause && (
          <Descriptions.Item label={t('servicedesk.common.rootCause')} span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{ticket.rootCause}</Typography.Paragraph>
          </Descriptions.Item>
        )}
        {(ticket.satisfaction || isDone) && (
          <Descriptions.Item label={t('servicedesk.detail.satisfaction')} span={2}>
            {ticket.satisfaction ? (
              <Space size={8} wrap data-testid="ticket-satisfaction">
                <Rate disabled value={ticket.satisfaction.score} />
                {ticket.satisfaction.comment && <Typography.Text>{ticket.satisfaction.comment}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(ticket.satisfaction.ratedAt)}</Typography.Text>
              </Space>
            ) : can(me, 'ticket.work') ? (
              <Button size="small" icon={<StarOutlined />} onClick={() => setRating(true)} data-testid="ticket-record-satisfaction">
                {t('servicedesk.detail.recordSatisfaction')}
              </Button>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('servicedesk.detail.workMinutes')}>{minutes(ticket.workMinutes)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.reopenCount')}>{ticket.reopenCount}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.common.openedAt')}>{formatDateTime(ticket.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.respondedAt')}>{formatDateTime(ticket.respondedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.onSiteAt')}>{formatDateTime(ticket.onSiteAt)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.resolvedAt')}>{formatDateTime(ticket.resolvedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('servicedesk.detail.closedAt')}>{formatDateTime(ticket.closedAt)}</Descriptions.Item>
      </Descriptions>
      {ticket.description && (
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} data-testid="ticket-description-text">
          {ticket.description}
        </Typography.Paragraph>
      )}
      <RateModal
        open={isRating}
        title={t('servicedesk.detail.recordSatisfaction')}
        isSaving={rate.isPending}
        onCancel={() => setRating(false)}
        onSubmit={(input) =>
          rate.mutate(
            { id: ticket.id, input },
            {
              onSuccess: () => {
                void message.success(t('servicedesk.rate.saved'));
                setRating(false);
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      />
    </Card>
  );
}
