import { Link, useParams } from 'react-router';
import { Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AlertActions } from './AlertActions.tsx';
import { AlertFactsCard } from './AlertFactsCard.tsx';
import { AlertStatusTag, SeverityTag } from './AlertTags.tsx';
import { AlertTimelineCard } from './AlertTimelineCard.tsx';
import { NotificationTable } from './NotificationTable.tsx';
import { useAlert, useNotifications } from './useAlerts.ts';

/** Everyone notified about one alert: channel, kind, outcome, attempts; dead letters can be retried. */
function AlertNotificationsCard({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const notifications = useNotifications({ alertId, page: 1, pageSize: 100 }, { refetchMs: 10_000 });
  return (
    <Card size="small" title={t('alerts.detail.notifications')}>
      {notifications.isError && <ErrorState title={t('alerts.detail.notifications')} message={errorMessage(notifications.error)} retryLabel={t('common.retry')} onRetry={() => void notifications.refetch()} />}
      <NotificationTable data={notifications.data} loading={notifications.isPending && notifications.isFetching} isAlertShown={false} emptyText={t('alerts.detail.notificationsEmpty')} data-testid="alert-notifications" />
    </Card>
  );
}

/** /alerts/:id: level, status and actions; facts, routing and suppression; the timeline; and who was notified. */
export function AlertDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alert = useAlert(id);

  if (alert.isPending) return <Skeleton active />;
  if (alert.isError) {
    if (alert.error instanceof ApiError && (alert.error.status === 404 || alert.error.code === 'validation')) {
      return <Result status="404" title="404" subTitle={t('alerts.detail.notFound')} extra={<Link to="/alerts"><Button>{t('alerts.detail.back')}</Button></Link>} />;
    }
    return <ErrorState title={t('alerts.center.title')} message={errorMessage(alert.error)} retryLabel={t('common.retry')} onRetry={() => void alert.refetch()} />;
  }
  const a = alert.data;

  return (
    <>
      <Link to="/alerts" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('alerts.detail.back')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <SeverityTag severity={a.severity} />
            <span data-testid="alert-detail-title">{a.title}</span>
            <AlertStatusTag alert={a} />
          </Space>
        }
        subtitle={
          <Typography.Text type="secondary">
            {t('alerts.detail.subtitle', { org: a.orgName, first: formatDateTime(a.firstFiredAt), count: a.count })}
          </Typography.Text>
        }
        extra={<AlertActions alert={a} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <AlertFactsCard alert={a} />
        </Col>
        <Col xs={24} xl={10}>
          <AlertTimelineCard alertId={a.id} />
        </Col>
        <Col span={24}>
          <AlertNotificationsCard alertId={a.id} />
        </Col>
      </Row>
    </>
  );
}
