import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Col, Flex, Result, Row, Segmented, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, ScheduleOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AvailabilityCard } from './AvailabilityCard.tsx';
import { HeartbeatCard } from './HeartbeatCard.tsx';
import { LatencyCard } from './LatencyCard.tsx';
import { MaintenanceFormModal } from './MaintenanceFormModal.tsx';
import { PERIODS, periodRange, type Period } from './monitoring-format.ts';
import { MonthlyAvailabilityCard } from './MonthlyAvailabilityCard.tsx';
import { ProbeConfigCard } from './ProbeConfigCard.tsx';
import { ProbeFormModal } from './ProbeFormModal.tsx';
import { ProbeRowActions } from './ProbeRowActions.tsx';
import { ProbeStateTag } from './ProbeStateTag.tsx';
import { RecentResultsCard } from './RecentResultsCard.tsx';
import { StateTimelineCard } from './StateTimelineCard.tsx';
import { useMonitoringFormat, useNow } from './useMonitoringFormat.ts';
import { useProbeLive } from './useProbeLive.ts';
import { useProbe } from './useProbes.ts';

/** /monitoring/probes/:id: state, latency, timeline, outages and monthly availability, recent results, configuration. */
export function ProbeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const canManage = can(me, 'probe.manage');
  const probe = useProbe(id);
  useProbeLive();
  const nowMs = useNow(60_000);
  const { duration } = useMonitoringFormat();
  const [period, setPeriod] = useState<Period>('24h');
  const range = useMemo(() => periodRange(period, nowMs), [period, nowMs]);
  const [isEditing, setEditing] = useState(false);
  const [isScheduling, setScheduling] = useState(false);

  if (probe.isPending) return <Skeleton active />;
  if (probe.isError) {
    if (probe.error instanceof ApiError && probe.error.status === 404) {
      return <Result status="404" title="404" subTitle={t('monitoring.probes.notFound')} extra={<Link to="/monitoring/probes"><Button>{t('monitoring.probes.back')}</Button></Link>} />;
    }
    return <ErrorState title={t('monitoring.probes.title')} message={errorMessage(probe.error)} retryLabel={t('common.retry')} onRetry={() => void probe.refetch()} />;
  }
  const p = probe.data;

  return (
    <>
      <Link to="/monitoring/probes" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('monitoring.probes.back')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="probe-title">{p.name}</span>
            <ProbeStateTag state={p.state} message={p.stateMessage} data-testid="probe-detail-state" />
            <Tag>{t(`monitoring.kind.${p.kind}`)}</Tag>
            {p.isFlapping && (
              <Tooltip title={t('monitoring.probes.flappingHint')}>
                <Tag color="warning" icon={<SwapOutlined />} data-testid="probe-flapping">{t('monitoring.probes.flapping')}</Tag>
              </Tooltip>
            )}
          </Space>
        }
        subtitle={
          <>
            {t('monitoring.probes.since', { time: formatDateTime(p.stateSince), duration: duration((nowMs - Date.parse(p.stateSince)) / 1000) })}
            {p.stateMessage && <> · {p.stateMessage}</>}
          </>
        }
        extra={
          canManage && (
            <>
              <Button icon={<ScheduleOutlined />} onClick={() => setScheduling(true)} data-testid="probe-schedule-maintenance">{t('monitoring.detail.createMaintenance')}</Button>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="probe-edit">{t('common.edit')}</Button>
              <ProbeRowActions probe={p} size="middle" onDeleted={() => void navigate('/monitoring/probes')} />
            </>
          )
        }
      />
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('monitoring.detail.period')}</Typography.Text>
        <Segmented<Period> value={period} onChange={setPeriod} options={PERIODS.map((v) => ({ value: v, label: t(`monitoring.detail.periods.${v}`) }))} data-testid="probe-period" />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <LatencyCard probeId={p.id} range={range} />
        </Col>
        <Col xs={24} xl={10}>
          <StateTimelineCard probeId={p.id} range={range} currentState={p.state} createdAt={p.createdAt} />
        </Col>
        <Col xs={24} xl={14}>
          <AvailabilityCard probeId={p.id} range={range} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <HeartbeatCard probe={p} />
            <ProbeConfigCard probe={p} />
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <MonthlyAvailabilityCard probeId={p.id} />
        </Col>
        <Col xs={24} xl={12}>
          <RecentResultsCard probeId={p.id} />
        </Col>
      </Row>
      <ProbeFormModal open={isEditing} probe={p} onClose={() => setEditing(false)} />
      <MaintenanceFormModal open={isScheduling} onClose={() => setScheduling(false)} target={{ scope: 'probe', probeId: p.id, probeName: p.name, orgId: p.orgId }} />
    </>
  );
}
