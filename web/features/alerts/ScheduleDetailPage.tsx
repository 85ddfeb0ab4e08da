import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OnCallShiftView } from '../../../shared/schemas/alerts.ts';
import { ApiError, errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { NowOnCall } from './NowOnCall.tsx';
import { OverridesCard } from './OverridesCard.tsx';
import { ScheduleFormDrawer } from './ScheduleFormDrawer.tsx';
import { ShiftCalendar } from './ShiftCalendar.tsx';
import { useSchedule, useScheduleMutations } from './useOnCall.ts';
import { useUserDirectory } from './useUserDirectory.ts';
import { asIsoWeekday } from './wall-time.ts';

/** /alerts/schedules/:id: who is on call now, the week / month calendar, the layers, and overrides with 换班. */
export function ScheduleDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const schedule = useSchedule(id);
  const { remove } = useScheduleMutations();
  const { nameOf } = useUserDirectory();
  const [isEditing, setEditing] = useState(false);
  const [swapFrom, setSwapFrom] = useState<OnCallShiftView | null>(null);

  if (schedule.isPending) return <Skeleton active />;
  if (schedule.isError) {
    if (schedule.error instanceof ApiError && schedule.error.status === 404) {
      return <Result status="404" title="404" subTitle={t('alerts.schedules.notFound')} extra={<Link to="/alerts/schedules"><Button>{t('alerts.schedules.back')}</Button></Link>} />;
    }
    return <ErrorState title={t('alerts.schedules.title')} message={errorMessage(schedule.error)} retryLabel={t('common.retry')} onRetry={() => void schedule.refetch()} />;
  }
  const s = schedule.data;
  const restriction = (i: number) => {
    const r = s.rules.layers[i]?.restriction;
    if (!r) return t('alerts.schedules.restriction.none');
    if (r.kind !== 'weekly') return t(`alerts.schedules.restriction.${r.kind}`);
    return r.ranges.map((x) => `${x.weekdays.map((d) => t(`alerts.weekday.${asIsoWeekday(d)}`)).join('')} ${x.start}–${x.end}`).join('；');
  };

  return (
    <>
      <Link to="/alerts/schedules" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('alerts.schedules.back')}
      </Link>
      <PageHeader
        title={
          <Space size={16} wrap>
            <span data-testid="schedule-title">{s.name}</span>
            <Typography.Text style={{ fontSize: 16, fontWeight: 'normal' }}>
              <NowOnCall scheduleId={s.id} isLabelled />
            </Typography.Text>
          </Space>
        }
        subtitle={`${s.orgName} · ${s.rules.timeZone}${s.description ? ` · ${s.description}` : ''}`}
        extra={
          canManage && (
            <>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="schedule-edit">{t('common.edit')}</Button>
              <ConfirmButton
                danger
                confirm={t('alerts.schedules.confirmDelete', { name: s.name })}
                description={t('alerts.schedules.deleteHint')}
                onConfirm={() =>
                  remove.mutate(s.id, {
                    onSuccess: () => {
                      void message.success(t('common.deleted'));
                      void navigate('/alerts/schedules');
                    },
                    onError: (e) => void message.error(errorMessage(e)),
                  })
                }
                data-testid="schedule-delete"
              >
                {t('common.delete')}
              </ConfirmButton>
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <ShiftCalendar scheduleId={s.id} timeZone={s.rules.timeZone} onPickShift={canManage ? setSwapFrom : undefined} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('alerts.schedules.layers')} data-testid="schedule-layers">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('alerts.schedules.layersHint')}</Typography.Paragraph>
            {s.rules.layers.map((l, i) => (
              <Descriptions
                key={i}
                size="small"
                column={1}
                title={`${i + 1}. ${l.name}`}
                style={{ marginBottom: 12 }}
                items={[
                  { key: 'who', label: t('alerts.schedules.fields.participants'), children: l.participants.map(nameOf).join(' → ') },
                  {
                    key: 'rotation',
                    label: t('alerts.schedules.fields.rotation'),
                    children: [
                      t(`alerts.schedules.rotation.${l.kind}`),
                      l.kind === 'weekly' && l.handoffWeekday ? t(`alerts.weekday.${asIsoWeekday(l.handoffWeekday)}`) : null,
                      l.kind === 'custom' ? t('alerts.schedules.everyHoursText', { hours: l.everyHours ?? '?' }) : null,
                      l.handoffTime,
                      t('alerts.schedules.fromDate', { date: l.startDate }),
                    ]
                      .filter(Boolean)
                      .join(' · '),
                  },
                  { key: 'restriction', label: t('alerts.schedules.fields.restriction'), children: restriction(i) },
                ]}
              />
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <OverridesCard schedule={s} canManage={canManage} swapFrom={swapFrom} onSwapClosed={() => setSwapFrom(null)} />
        </Col>
      </Row>
      <ScheduleFormDrawer open={isEditing} schedule={s} onClose={() => setEditing(false)} />
    </>
  );
}
