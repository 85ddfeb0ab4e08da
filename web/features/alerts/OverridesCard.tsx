import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleRecord, OnCallShiftView } from '../../../shared/schemas/alerts.ts';
import { OnCallOverride } from '../../../shared/schemas/oncall.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime, wallTimeToIso } from '../../app/format.ts';
import { requiredRule } from '../../app/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { swapOverrides } from './alert-format.ts';
import { useScheduleMutations, useShifts } from './useOnCall.ts';
import { UserPick } from './UserPick.tsx';
import { useUserDirectory } from './useUserDirectory.ts';
import { nowWall } from './wall-time.ts';

type Props = { schedule: OnCallScheduleRecord; canManage: boolean; swapFrom: OnCallShiftView | null; onSwapClosed: () => void };
type OverrideValues = { userId: string; range: [dayjs.Dayjs, dayjs.Dayjs]; reason?: string };
type SwapValues = { a: number; b: number; reason?: string };

/** Saves the schedule with a new list of overrides; layers and everything else stay as they are. */
function useSaveOverrides(schedule: OnCallScheduleRecord) {
  const { update } = useScheduleMutations();
  const save = (overrides: OnCallOverride[], options: { onSuccess: () => void; onError: (e: Error) => void }) =>
    update.mutate({ id: schedule.id, input: { rules: { ...schedule.rules, overrides } } }, options);
  return { save, isPending: update.isPending };
}

/** 临时调班 and 换班: overrides (user X covers a time, whatever the layers say), added one by one or as a swap of two shifts. */
export function OverridesCard({ schedule, canManage, swapFrom, onSwapClosed }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tz = schedule.rules.timeZone;
  const { nameOf } = useUserDirectory();
  const { save, isPending } = useSaveOverrides(schedule);
  const [isAdding, setAdding] = useState(false);
  const [isSwapOpen, setSwapOpen] = useState(false);
  const [overrideForm] = Form.useForm<OverrideValues>();
  const [swapForm] = Form.useForm<SwapValues>();
  const overrides = schedule.rules.overrides;
  // the next four weeks of shifts to pick the two sides of a swap from
  const upcoming = useMemo(() => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + 28 * 86_400_000).toISOString() };
  }, []);
  const shifts = useShifts(schedule.id, upcoming);
  const shiftOptions = (shifts.data ?? []).map((s, i) => ({ value: i, label: `${s.userName} · ${formatDateTime(s.start, tz).slice(5, 16)} – ${formatDateTime(s.end, tz).slice(5, 16)}` }));
  const isSwapShown = isSwapOpen || swapFrom !== null;

  const openAdd = () => {
    overrideForm.resetFields();
    const start = nowWall(tz);
    overrideForm.setFieldsValue({ range: [start, start.add(1, 'day')] });
    setAdding(true);
  };
  const done = (text: string, close: () => void) => ({
    onSuccess: () => {
      void message.success(text);
      close();
    },
    onError: (e: Error) => void message.error(errorMessage(e)),
  });
  const add = (v: OverrideValues) => {
    const next = OnCallOverride.safeParse({ userId: v.userId, start: wallTimeToIso(v.range[0].second(0), tz), end: wallTimeToIso(v.range[1].second(0), tz), reason: v.reason?.trim() || undefined });
    if (!next.success) {
      overrideForm.setFields([{ name: 'range', errors: [next.error.issues[0]?.message ?? t('validation.invalid')] }]);
      return;
    }
    save([...overrides, next.data], done(t('alerts.schedules.overrideAdded'), () => setAdding(false)));
  };
  const closeSwap = () => {
    setSwapOpen(false);
    onSwapClosed();
  };
  const swap = (v: SwapValues) => {
    const a = shifts.data?.[v.a];
    const b = shifts.data?.[v.b];
    if (!a || !b) return;
    if (a.userId === b.userId) {
      swapForm.setFields([{ name: 'b', errors: [t('alerts.schedules.swapSamePerson')] }]);
      return;
    }
    const reason = v.reason?.trim() || t('alerts.schedules.swapReason', { a: a.userName, b: b.userName });
    save([...overrides, ...swapOverrides(a, b, reason)], done(t('alerts.schedules.swapped'), closeSwap));
  };
  const openSwap = () => {
    swapForm.resetFields();
    setSwapOpen(true);
  };
  // a shift clicked in the calendar opens the swap with that shift as the first side
  const preselected = swapFrom ? (shifts.data ?? []).findIndex((s) => s.userId === swapFrom.userId && s.start === swapFrom.start) : -1;

  return (
    <Card
      size="small"
      title={t('alerts.schedules.overrides')}
      extra={
        canManage && (
          <Flex gap={8}>
            <Button size="small" icon={<SwapOutlined />} onClick={openSwap} data-testid="schedule-swap">{t('alerts.schedules.swap')}</Button>
            <Button size="small" icon={<PlusOutlined />} onClick={openAdd} data-testid="schedule-override-add">{t('alerts.schedules.addOverride')}</Button>
          </Flex>
        )
      }
      data-testid="schedule-overrides"
    >
      <Table<OnCallOverride & { index: number }>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={overrides.map((o, index) => ({ ...o, index })).reverse()}
        locale={{ emptyText: <EmptyState description={t('alerts.schedules.noOverrides')} /> }}
        columns={[
          { title: t('alerts.schedules.fields.user'), render: (_, o) => nameOf(o.userId) },
          { title: t('alerts.schedules.fields.range'), render: (_, o) => `${formatDateTime(o.start, tz)} – ${formatDateTime(o.end, tz)}` },
          { title: t('alerts.silences.fields.reason'), render: (_, o) => o.reason ?? '—' },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 80,
                  render: (_: unknown, o: OnCallOverride & { index: number }) => (
                    <ConfirmButton
                      size="small"
                      type="link"
                      danger
                      confirm={t('alerts.schedules.confirmRemoveOverride')}
                      onConfirm={() => save(overrides.filter((_x, i) => i !== o.index), done(t('common.deleted'), () => undefined))}
                      data-testid="schedule-override-remove"
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={isAdding} title={t('alerts.schedules.addOverride')} onCancel={() => setAdding(false)} onOk={() => overrideForm.submit()} okButtonProps={withTestId({ loading: isPending }, 'override-save')} forceRender>
        <Form<OverrideValues> form={overrideForm} layout="vertical" onFinish={add}>
          <Form.Item name="userId" label={t('alerts.schedules.fields.user')} rules={[requiredRule()]}>
            <UserPick style={{ width: '100%' }} data-testid="override-user" />
          </Form.Item>
          <Form.Item name="range" label={t('alerts.schedules.fields.range')} rules={[requiredRule()]} extra={t('alerts.schedules.tzHint', { tz })}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="override-range" />
          </Form.Item>
          <Form.Item name="reason" label={t('alerts.silences.fields.reason')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={isSwapShown}
        title={t('alerts.schedules.swap')}
        onCancel={closeSwap}
        onOk={() => swapForm.submit()}
        okButtonProps={withTestId({ loading: isPending }, 'swap-save')}
        forceRender
        afterOpenChange={(open) => {
          if (!open || swapFrom === null) return;
          swapForm.resetFields();
          if (preselected >= 0) swapForm.setFieldValue('a', preselected);
        }}
      >
        <Typography.Paragraph type="secondary">{t('alerts.schedules.swapHint')}</Typography.Paragraph>
        <Form<SwapValues> form={swapForm} layout="vertical" onFinish={swap}>
          <Form.Item name="a" label={t('alerts.schedules.swapA')} rules={[requiredRule()]}>
            <Select options={shiftOptions} loading={shifts.isPending} showSearch={{ optionFilterProp: 'label' }} data-testid="swap-a" />
          </Form.Item>
          <Form.Item name="b" label={t('alerts.schedules.swapB')} rules={[requiredRule()]}>
            <Select options={shiftOptions} loading={shifts.isPending} showSearch={{ optionFilterProp: 'label' }} data-testid="swap-b" />
          </Form.Item>
          <Form.Item name="reason" label={t('alerts.silences.fields.reason')}>
            <Input maxLength={200} placeholder={t('alerts.schedules.swapReasonPlaceholder')} />
          </Form.Item>
        </Form>
        {shifts.isError && <Typography.Text type="danger">{errorMessage(shifts.error)}</Typography.Text>}
      </Modal>
    </Card>
  );
}
