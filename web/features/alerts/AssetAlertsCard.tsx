import { Link } from 'react-router';
import { Card, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useMonitoringFormat, useNow } from '../monitoring/useMonitoringFormat.ts';
import { AlertStatusTag, SeverityTag } from './AlertTags.tsx';
import { useAlertList } from './useAlerts.ts';

/** 告警 on the asset page: the asset's open alerts. Renders nothing without alert.read, so the page can always include it. */
export function AssetAlertsCard({ assetId }: { assetId: string }) {
  const me = useMe();
  return can(me, 'alert.read') ? <AssetAlertsCardBody assetId={assetId} /> : null;
}

function AssetAlertsCardBody({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const { ago } = useMonitoringFormat();
  const nowMs = useNow(60_000);
  const alerts = useAlertList({ view: 'active', assetId, isSuppressedShown: true, page: 1, pageSize: 20 }, { refetchMs: 60_000 });
  const total = alerts.data?.total ?? 0;
  return (
    <Card size="small" title={t('alerts.asset.title')} extra={total > 0 && <Link to={`/alerts?assetId=${assetId}&suppressed=1`}>{t('alerts.asset.all', { count: total })}</Link>} data-testid="asset-alerts-card">
      {alerts.isError && <ErrorState title={t('alerts.asset.title')} message={errorMessage(alerts.error)} retryLabel={t('common.retry')} onRetry={() => void alerts.refetch()} />}
      <List
        size="small"
        loading={alerts.isPending}
        dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('alerts.asset.empty')} /> }}
        renderItem={(a) => (
          <List.Item style={{ paddingInline: 0 }} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{ago(a.lastFiredAt, nowMs)}</Typography.Text>}>
            <Flex gap={8} align="center" wrap>
              <SeverityTag severity={a.severity} />
              <Link to={`/alerts/${a.id}`}>{a.title}</Link>
              <AlertStatusTag alert={a} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
