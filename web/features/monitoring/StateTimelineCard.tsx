import { Card, Flex, List, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PeriodQuery, ProbeState } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { STATE_HEX, timelineSegments } from './monitoring-format.ts';
import { ProbeStateTag } from './ProbeStateTag.tsx';
import { useMonitoringFormat } from './useMonitoringFormat.ts';
import { useStateChanges } from './useProbes.ts';

type Props = { probeId: string; range: PeriodQuery; currentState: ProbeState; /** the strip starts no earlier than the probe */ createdAt: string };

/** 状态时间线: a coloured strip over the chosen period, and the latest state changes as a list. */
export function StateTimelineCard({ probeId, range, currentState, createdAt }: Props) {
  const { t } = useTranslation();
  const { duration } = useMonitoringFormat();
  const changes = useStateChanges(probeId, 200);
  const fromMs = Math.max(Date.parse(range.from), Date.parse(createdAt));
  const toMs = Math.min(Date.parse(range.to), Date.now());
  const segments = changes.data ? timelineSegments(changes.data, fromMs, toMs, currentState) : [];
  const span = Math.max(1, toMs - fromMs);

  return (
    <Card size="small" title={t('monitoring.detail.timeline')} data-testid="probe-timeline-card">
      {changes.isError && <ErrorState title={t('monitoring.detail.timeline')} message={errorMessage(changes.error)} />}
      {changes.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {changes.data && (
        <>
          <Flex style={{ height: 20, borderRadius: 4, overflow: 'hidden', background: STATE_HEX.unknown }} data-testid="probe-timeline">
            {segments.map((s) => (
              <Tooltip key={s.startMs} title={`${t(`monitoring.state.${s.state}`)} · ${formatDateTime(new Date(s.startMs).toISOString())} · ${duration((s.endMs - s.startMs) / 1000)}`}>
                <div style={{ width: `${((s.endMs - s.startMs) / span) * 100}%`, minWidth: 1, background: STATE_HEX[s.state] }} />
              </Tooltip>
            ))}
          </Flex>
          <Flex justify="space-between" style={{ marginTop: 4 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(new Date(fromMs).toISOString())}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(new Date(toMs).toISOString())}</Typography.Text>
          </Flex>
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('monitoring.detail.stateChanges')}</Typography.Text>
          <List
            size="small"
            dataSource={changes.data.slice(0, 10)}
            locale={{ emptyText: t('monitoring.detail.noChanges') }}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text type="secondary" style={{ minWidth: 150 }}>{formatDateTime(c.changedAt)}</Typography.Text>
                  <ProbeStateTag state={c.fromState} data-testid="state-change-from" />
                  <ArrowRightOutlined style={{ color: '#bfbfbf' }} />
                  <ProbeStateTag state={c.toState} data-testid="state-change-to" />
                  {c.message && <Typography.Text type="secondary" ellipsis={{ tooltip: c.message }} style={{ maxWidth: 320 }}>{c.message}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
