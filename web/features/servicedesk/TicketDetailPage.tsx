import { Link, useParams } from 'react-router';
import { Button, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useNow } from '../monitoring/useMonitoringFormat.ts';
import { SlaClocksCard } from './SlaClocksCard.tsx';
import { TicketActions } from './TicketActions.tsx';
import { TicketFactsCard } from './TicketFactsCard.tsx';
import { TicketNotesCard } from './TicketNotesCard.tsx';
import { TicketLevelTag, TicketStatusTag, TicketTypeTag } from './TicketTags.tsx';
import { TicketTimelineCard } from './TicketTimelineCard.tsx';
import { useTicketPolicy } from './useSlaPolicies.ts';
import { useTicket } from './useTickets.ts';

/**
 * /servicedesk/tickets/:id: number, level and status with the steps the status allows; the SLA clocks with their
 * explanations; requester, assets and linked alerts; comments, work log and the timeline.
 */
export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const ticket = useTicket(id);
  const nowMs = useNow(15_000);
  const { policy } = useTicketPolicy(ticket.data?.sla.policyId, ticket.isSuccess);

  if (ticket.isPending) return <Skeleton active />;
  if (ticket.isError) {
    if (ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.code === 'validation')) {
      return <Result status="404" title="404" subTitle={t('servicedesk.detail.notFound')} extra={<Link to="/servicedesk/tickets"><Button>{t('servicedesk.detail.back')}</Button></Link>} />;
    }
    return <ErrorState title={t('servicedesk.tickets.title')} message={errorMessage(ticket.error)} retryLabel={t('common.retry')} onRetry={() => void ticket.refetch()} />;
  }
  const d = ticket.data;

  return (
    <>
      <Link to="/servicedesk/tickets" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('servicedesk.detail.back')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Typography.Text code style={{ fontSize: 16 }} data-testid="ticket-number">{d.number}</Typography.Text>
            <TicketLevelTag name={d.levelName} levelKey={d.levelKey} />
            <span data-testid="ticket-detail-title">{d.title}</span>
            <TicketStatusTag status={d.status} />
            <TicketTypeTag type={d.type} />
          </Space>
        }
        subtitle={t('servicedesk.detail.subtitle', { org: d.orgName, opened: formatDateTime(d.openedAt), requester: d.requesterName })}
        extra={<TicketActions ticket={d} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10} xxl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SlaClocksCard ticket={d} nowMs={nowMs} />
            <TicketTimelineCard ticketId={d.id} />
          </Space>
        </Col>
        <Col xs={24} xl={14} xxl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <TicketFactsCard ticket={d} policy={policy} />
            <TicketNotesCard ticketId={d.id} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
