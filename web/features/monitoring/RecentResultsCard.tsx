import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, ProbeResult } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatLatency, STATE_COLORS } from './monitoring-format.ts';
import { useProbeResults } from './useProbes.ts';

const STATUS_COLOR: Record<CheckStatus, string> = { up: STATE_COLORS.up, degraded: STATE_COLORS.degraded, down: STATE_COLORS.down, unknown: STATE_COLORS.unknown };

/** 最近检测结果: the latest raw runs, newest first. */
export function RecentResultsCard({ probeId }: { probeId: string }) {
  const { t } = useTranslation();
  const results = useProbeResults(probeId, 50);
  return (
    <Card size="small" title={t('monitoring.detail.recent')} data-testid="probe-results-card">
      {results.isError && <ErrorState title={t('monitoring.detail.recent')} message={errorMessage(results.error)} retryLabel={t('common.retry')} onRetry={() => void results.refetch()} />}
      <Table<ProbeResult>
        rowKey="checkedAt"
        size="small"
        loading={results.isPending}
        dataSource={results.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('monitoring.detail.noData') }}
        columns={[
          { title: t('monitoring.detail.checkedAt'), width: 170, render: (_, r) => formatDateTime(r.checkedAt) },
          {
            title: t('monitoring.detail.status'),
            width: 110,
            render: (_, r) => (
              <>
                <Tag color={STATUS_COLOR[r.status]} data-testid="probe-result-status">{t(`monitoring.checkStatus.${r.status}`)}</Tag>
                {r.isMaintenance && <Tag color="blue">{t('monitoring.detail.inMaintenance')}</Tag>}
              </>
            ),
          },
          { title: t('monitoring.detail.latencyMs'), width: 100, align: 'right', render: (_, r) => formatLatency(r.latencyMs) },
          { title: t('monitoring.detail.code'), width: 90, render: (_, r) => r.code ?? '—' },
          { title: t('monitoring.detail.message'), render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.message }} style={{ maxWidth: 360 }}>{r.message ?? '—'}</Typography.Text> },
        ]}
        data-testid="probe-results"
      />
    </Card>
  );
}
