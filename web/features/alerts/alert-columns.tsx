import { Link } from 'react-router';
import { Flex, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../shared/schemas/alerts.ts';
import { formatDateTime } from '../../app/format.ts';
import { useMonitoringFormat } from '../monitoring/useMonitoringFormat.ts';
import { AlertStatusTag, SeverityTag } from './AlertTags.tsx';
import { useUserDirectory } from './useUserDirectory.ts';

type Options = { nowMs: number; isHistory: boolean; isOrgShown?: boolean };

/** The alert table's columns: level, title, where, source, count, first / last fired, status and who responded. */
export function useAlertColumns({ nowMs, isHistory, isOrgShown = true }: Options): TableColumnsType<Alert> {
  const { t } = useTranslation();
  const { ago } = useMonitoringFormat();
  const { nameOf } = useUserDirectory();
  const when = (iso: string | null) => (iso ? <Tooltip title={formatDateTime(iso)}>{ago(iso, nowMs)}</Tooltip> : '—');
  const columns: TableColumnsType<Alert> = [
    { title: t('alerts.columns.severity'), width: 80, render: (_, a) => <SeverityTag severity={a.severity} /> },
    {
      title: t('alerts.columns.title'),
      width: 320,
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Link to={`/alerts/${a.id}`} data-testid="alert-title">{a.title}</Link>
          {a.summary && <Typography.Text type="secondary" ellipsis={{ tooltip: a.summary }} style={{ fontSize: 12, maxWidth: 300 }}>{a.summary}</Typography.Text>}
        </Flex>
      ),
    },
    ...(isOrgShown ? [{ title: t('alerts.columns.org'), width: 150, render: (_: unknown, a: Alert) => a.orgName }] : []),
    { title: t('alerts.columns.asset'), width: 160, render: (_, a) => (a.assetId ? <Link to={`/assets/${a.assetId}`}>{a.assetName ?? a.assetId}</Link> : '—') },
    { title: t('alerts.columns.source'), width: 110, render: (_, a) => t(`alerts.source.${a.source}`) },
    { title: t('alerts.columns.count'), width: 70, align: 'right', render: (_, a) => a.count },
    { title: t('alerts.columns.firstFiredAt'), width: 110, render: (_, a) => when(a.firstFiredAt) },
    { title: t('alerts.columns.lastFiredAt'), width: 110, render: (_, a) => when(a.lastFiredAt) },
    { title: t('common.status'), width: 150, render: (_, a) => <AlertStatusTag alert={a} /> },
    isHistory
      ? {
          title: t('alerts.columns.resolved'),
          width: 160,
          render: (_, a) => (
            <Flex vertical gap={0}>
              <span>{when(a.resolvedAt)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.resolvedBy ? nameOf(a.resolvedBy) : t('alerts.columns.autoResolved')}</Typography.Text>
            </Flex>
          ),
        }
      : {
          title: t('alerts.columns.acknowledgedBy'),
          width: 140,
          render: (_, a) =>
            a.acknowledgedBy ? (
              <Tooltip title={formatDateTime(a.acknowledgedAt)}>
                <span data-testid="alert-acknowledged-by">{nameOf(a.acknowledgedBy)}</span>
              </Tooltip>
            ) : (
              '—'
            ),
        },
  ];
  return columns;
}
