import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MonthlyAvailability } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatAvailability } from './monitoring-format.ts';
import { useMonitoringFormat } from './useMonitoringFormat.ts';
import { useMonthlyAvailability } from './useProbes.ts';

type Month = MonthlyAvailability['items'][number];

/** 月度可用率 for the last 12 months (Asia/Shanghai months), newest first, as a monthly SLA report reads. */
export function MonthlyAvailabilityCard({ probeId }: { probeId: string }) {
  const { t } = useTranslation();
  const { duration } = useMonitoringFormat();
  const monthly = useMonthlyAvailability(probeId, 12);
  const rows = [...(monthly.data?.items ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <Card size="small" title={t('monitoring.detail.monthly')} data-testid="probe-monthly-card">
      {monthly.isError && <ErrorState title={t('monitoring.detail.monthly')} message={errorMessage(monthly.error)} retryLabel={t('common.retry')} onRetry={() => void monthly.refetch()} />}
      <Table<Month>
        rowKey="month"
        size="small"
        loading={monthly.isPending}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('monitoring.detail.month'), dataIndex: 'month', width: 90 },
          { title: t('monitoring.detail.availability'), align: 'right', render: (_, m) => formatAvailability(m.availabilityPct) },
          { title: t('monitoring.detail.target'), align: 'right', render: (_, m) => formatAvailability(m.target) },
          {
            title: t('monitoring.detail.meetsTarget'),
            width: 80,
            render: (_, m) => <Tag color={m.meetsTarget ? 'green' : 'red'}>{m.meetsTarget ? t('monitoring.detail.meetsTarget') : t('monitoring.detail.missesTarget')}</Tag>,
          },
          { title: t('monitoring.detail.downtime'), align: 'right', render: (_, m) => duration(m.downtimeSeconds) },
          {
            title: t('monitoring.detail.budget'),
            align: 'right',
            render: (_, m) =>
              m.remainingBudgetSeconds < 0 ? (
                <Typography.Text type="danger">{t('monitoring.detail.budgetSpent', { duration: duration(-m.remainingBudgetSeconds) })}</Typography.Text>
              ) : (
                duration(m.remainingBudgetSeconds)
              ),
          },
        ]}
      />
    </Card>
  );
}
