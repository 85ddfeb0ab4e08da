import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Form, InputNumber, Segmented, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../../shared/schemas/calendars.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime, wallTimeToIso } from '../../app/format.ts';
import { businessTime } from './calendars.api.ts';

type Mode = 'due' | 'between';
type Values = { start: dayjs.Dayjs; amount?: number; unit: 'minutes' | 'hours'; end?: dayjs.Dayjs };

/** "Start + N working minutes → due", or the working minutes between two instants, on this calendar. */
export function BusinessTimeCalculator({ calendar }: { calendar: WorkCalendar }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('due');
  const tz = calendar.timeZone;
  const calc = useMutation({
    mutationFn: (v: Values) =>
      businessTime(calendar.id, {
        start: wallTimeToIso(v.start, tz),
        ...(mode === 'due'
          ? { minutes: (v.amount ?? 0) * (v.unit === 'hours' ? 60 : 1) }
          : { end: v.end ? wallTimeToIso(v.end, tz) : undefined }),
      }),
  });
  const r = calc.data;
  const duration = (m: number) => t('calendars.calc.duration', { h: Math.floor(m / 60), m: Math.round(m % 60) });

  return (
    <Card title={t('calendars.calc.title')} size="small" data-testid="business-time">
      <Segmented<Mode>
        value={mode}
        onChange={(m) => {
          setMode(m);
          calc.reset();
        }}
        options={[
          { value: 'due', label: t('calendars.calc.modeDue') },
          { value: 'between', label: t('calendars.calc.modeBetween') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Form<Values> layout="vertical" initialValues={{ start: dayjs().tz(tz).second(0), amount: 4, unit: 'hours' }} onFinish={(v) => calc.mutate(v)}>
        <Form.Item name="start" label={t('calendars.calc.start', { tz })} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {mode === 'due' ? (
          <Form.Item label={t('calendars.calc.amount')}>
            <Space.Compact>
              <Form.Item name="amount" noStyle rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={0} max={100000} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="unit" noStyle>
                <Select style={{ width: 100 }} options={[{ value: 'minutes', label: t('units.minutes') }, { value: 'hours', label: t('units.hours') }]} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ) : (
          <Form.Item name="end" label={t('calendars.calc.end')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={calc.isPending}>
          {t('calendars.calc.run')}
        </Button>
      </Form>
      {calc.isError && <Alert type="error" showIcon title={errorMessage(calc.error)} style={{ marginTop: 12 }} />}
      {r && (
        <Descriptions column={1} size="small" bordered style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('calendars.calc.start', { tz })}>{formatDateTime(r.start, tz)}</Descriptions.Item>
          {r.due !== null && <Descriptions.Item label={t('calendars.calc.due')}><strong data-testid="business-due">{formatDateTime(r.due, tz)}</strong></Descriptions.Item>}
          {r.minutesBetween !== null && <Descriptions.Item label={t('calendars.calc.between')}>{duration(r.minutesBetween)}</Descriptions.Item>}
        </Descriptions>
      )}
      {r && r.incompleteYears.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('calendars.calc.incomplete', { years: r.incompleteYears.join(t('common.listSeparator')) })} />
      )}
    </Card>
  );
}
