import { useEffect } from 'react';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../../shared/schemas/calendars.ts';
import { errorMessage } from '../../app/api.ts';
import { withTestId } from '../../ui/test-id.ts';
import { formatRanges, parseRanges } from './time-ranges.ts';
import { useCalendarMutations } from './useCalendars.ts';

type Kind = 'holiday' | 'workday' | 'clear';
type Values = { kind: Kind; name: string; ranges: string };
type Props = { calendarId: string; date: string | null; entry: CalendarDay | undefined; onClose: () => void };

/** Mark one date as a holiday or a 调休 workday, or clear it back to the weekly rule. */
export function DayEditModal({ calendarId, date, entry, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { putDay, deleteDay } = useCalendarMutations();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (date) form.setFieldsValue({ kind: entry?.kind ?? 'holiday', name: entry?.name ?? '', ranges: formatRanges(entry?.ranges) });
  }, [date, entry, form]);

  const handlers = {
    onSuccess: () => {
      message.success(t('common.saved'));
      onClose();
    },
    onError: (e: unknown) => message.error(errorMessage(e)),
  };
  const onFinish = (v: Values) => {
    if (!date) return;
    if (v.kind === 'clear') {
      if (entry) deleteDay.mutate({ id: calendarId, date }, handlers);
      else onClose();
      return;
    }
    const parsed = parseRanges(v.ranges ?? '');
    const ranges = v.kind === 'workday' && parsed.ok && parsed.ranges.length > 0 ? parsed.ranges : null;
    putDay.mutate({ id: calendarId, date, input: { kind: v.kind, name: v.name.trim(), ranges } }, handlers);
  };

  return (
    <Modal
      open={date !== null}
      title={date}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: putDay.isPending || deleteDay.isPending }, 'day-save')}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="kind" label={t('calendars.day.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendars.kinds.holiday') },
              { value: 'workday', label: t('calendars.kinds.workday') },
              { value: 'clear', label: t('calendars.day.clear') },
            ]}
          />
        </Form.Item>
        {kind !== 'clear' && (
          <Form.Item name="name" label={t('calendars.day.name')} rules={[{ max: 40 }]}>
            <Input maxLength={40} placeholder={t('calendars.day.namePlaceholder')} />
          </Form.Item>
        )}
        {kind === 'workday' && (
          <Form.Item
            name="ranges"
            label={t('calendars.day.ranges')}
            extra={t('calendars.day.rangesHint')}
            rules={[
              {
                validator: async (_r, value: string | undefined) => {
                  const parsed = parseRanges(value ?? '');
                  if (!parsed.ok) throw new Error(t(parsed.error === 'format' ? 'calendars.ranges.formatError' : 'calendars.ranges.orderError'));
                },
              },
            ]}
          >
            <Input placeholder="08:00-12:00,13:30-17:30" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
