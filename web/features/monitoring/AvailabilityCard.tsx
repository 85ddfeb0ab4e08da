import { Card, Col, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Outage, PeriodQuery } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatAvailability, isProbeState } from './monitoring-format.ts';
import { useMonitoringFormat } from './useMonitoringFormat.ts';
import { useProbeAvailability } from './useProbes.ts';

/** 可用率 over the chosen period against the target, with the remaining downtime budget and each 停机. */
export function AvailabilityCard({ probeId, range }: { probeId: string; range: PeriodQuery }) {
  const { t } = useTranslation();
  const { duration } = useMonitoringFormat();
  const availability = useProbeAvailability(probeId, range);
  const a = availability.data;
  return (
    <Card size="small" title={t('monitoring.detail.availability')} data-testid="probe-availability-card">
      {availability.isError && <ErrorState title={t('monitoring.detail.availability')} message={errorMessage(availability.error)} retryLabel={t('common.retry')} onRetry={() => void availability.refetch()} />}
      {availability.isPending && <Skeleton active />}
      {a && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic title={t('monitoring.detail.availability')} value={formatAvailability(a.availabilityPct)} styles={{ content: { color: a.meetsTarget ? '#389e0d' : '#cf1322' } }} />
            </Col>
            <Col span={6}>
              <Statistic title={t('monitoring.detail.target')} value={formatAvailability(a.target)} />
            </Col>
            <Col span={6}>
              <Statistic title={t('monitoring.detail.downtime')} value={duration(a.downtimeSeconds)} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('monitoring.detail.budget')}
                value={a.remainingBudgetSeconds < 0 ? t('monitoring.detail.budgetSpent', { duration: duration(-a.remainingBudgetSeconds) }) : duration(a.remainingBudgetSeconds)}
                styles={{ content: { color: a.remainingBudgetSeconds < 0 ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
          <Typography.Text strong>{t('monitoring.detail.outages')}</Typography.Text>
          <Table<Outage>
            rowKey={(o) => `${o.probeId ?? ''}${o.start}`}
            size="small"
            dataSource={a.outages}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('monitoring.detail.noOutages') }}
            columns={[
              { title: t('monitoring.detail.start'), width: 170, render: (_, o) => formatDateTime(o.start) },
              { title: t('monitoring.detail.end'), width: 170, render: (_, o) => (o.end ? formatDateTime(o.end) : <Tag color="red">{t('monitoring.detail.ongoing')}</Tag>) },
              { title: t('monitoring.detail.duration'), width: 130, render: (_, o) => duration(o.durationSeconds) },
              { title: t('monitoring.detail.cause'), render: (_, o) => o.cause ?? (isProbeState(o.state) ? t(`monitoring.state.${o.state}`) : o.state) },
            ]}
            data-testid="probe-outages"
          />
        </>
      )}
    </Card>
  );
}

