import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../../shared/schemas/calendars.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors } from '../../app/validation.ts';
import { formatRanges, parseRanges, rangeMinutes, type Range } from './time-ranges.ts';
import { useCalendarMutations } from './useCalendars.ts';

type Values = { weekly: string[]; makeup: string };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Working hours per weekday (Monday first) as "08:00-12:00,13:30-17:00", plus the hours of a 调休 make-up day. */
export function WeeklyHoursEditor({ calendar, canEdit }: { calendar: WorkCalendar; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { update } = useCalendarMutations();
  const weekly = Form.useWatch('weekly', form);

  const rule = {
    validator: async (_r: unknown, value: string | undefined) => {
      const parsed = parseRanges(value ?? '');
      if (!parsed.ok) throw new Error(t(parsed.error === 'format' ? 'calendars.ranges.formatError' : 'calendars.ranges.orderError'));
    },
  };
  const toRanges = (text: string): Range[] => {
    const parsed = parseRanges(text);
    return parsed.ok ? parsed.ranges : [];
  };
  const hours = (text: string | undefined) => (rangeMinutes(toRanges(text ?? '')) / 60).toFixed(1);

  return (
    <Card title={t('calendars.weekly.title')} size="small">
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: 5 }}
        disabled={!canEdit}
        initialValues={{ weekly: calendar.weekly.map((d) => formatRanges(d)), makeup: formatRanges(calendar.makeupRanges) }}
        onFinish={(v) =>
          update.mutate(
            { id: calendar.id, input: { weekly: v.weekly.map(toRanges), makeupRanges: toRanges(v.makeup) } },
            {
              onSuccess: () => message.success(t('common.saved')),
              onError: (e) => {
                if (!applyFieldErrors(form, e, (p) => (p[0] === 'makeupRanges' ? ['makeup'] : p.slice(0, 2)))) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        {WEEKDAYS.map((day, i) => (
          <Form.Item key={day} name={['weekly', i]} label={t(`calendars.weekdays.${day}`)} rules={[rule]} style={{ marginBottom: 8 }}>
            <Input
              placeholder={t('calendars.weekly.dayOff')}
              suffix={<Typography.Text type="secondary">{t('calendars.weekly.hours', { hours: hours(weekly?.[i]) })}</Typography.Text>}
              data-testid={`weekly-${day}`}
            />
          </Form.Item>
        ))}
        <Form.Item name="makeup" label={t('calendars.weekly.makeup')} rules={[rule]} extra={t('calendars.weekly.makeupHint')}>
          <Input />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('calendars.weekly.hint')}
        </Typography.Paragraph>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
