import { Link } from 'react-router';
import { Flex, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketListItem } from '../../../shared/schemas/servicedesk.ts';
import { formatDateTime } from '../../app/format.ts';
import { useMonitoringFormat } from '../monitoring/useMonitoringFormat.ts';
import { SlaCountdown, TicketLevelTag, TicketStatusTag, TicketTypeTag } from './TicketTags.tsx';

type Options = { nowMs: number; isOrgShown?: boolean };

/** The ticket table's columns: SLA countdown first (the list's order), number and title, level, status, who has it. */
export function useTicketColumns({ nowMs, isOrgShown = true }: Options): TableColumnsType<TicketListItem> {
  const { t } = useTranslation();
  const { ago } = useMonitoringFormat();
  return [
    {
      title: t('servicedesk.tickets.columns.sla'),
      width: 190,
      render: (_, r) => <SlaCountdown dueAt={r.nextBreachAt} clock={r.nextBreachClock} isBreached={r.isBreached} isPaused={r.status === 'pending'} nowMs={nowMs} />,
    },
    {
      title: t('servicedesk.tickets.columns.title'),
      width: 340,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Link to={`/servicedesk/tickets/${r.id}`} data-testid="ticket-title">
            <Typography.Text code style={{ marginInlineEnd: 6 }}>{r.number}</Typography.Text>
            {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`servicedesk.channel.${r.channel}`)} · {r.requesterName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('servicedesk.common.level'), width: 120, render: (_, r) => <TicketLevelTag name={r.levelName} levelKey={r.levelKey} /> },
    { title: t('servicedesk.common.type'), width: 100, render: (_, r) => <TicketTypeTag type={r.type} /> },
    { title: t('common.status'), width: 100, render: (_, r) => <TicketStatusTag status={r.status} /> },
    ...(isOrgShown ? [{ title: t('servicedesk.common.org'), width: 150, render: (_: unknown, r: TicketListItem) => r.orgName }] : []),
    {
      title: t('servicedesk.common.assignee'),
      width: 160,
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>{r.assignee?.name ?? <Typography.Text type="secondary">{t('servicedesk.common.unassigned')}</Typography.Text>}</span>
          {r.assignmentGroup && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.assignmentGroup.name}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('servicedesk.common.openedAt'), width: 120, render: (_, r) => <Tooltip title={formatDateTime(r.openedAt)}>{ago(r.openedAt, nowMs)}</Tooltip> },
  ];
}
