import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { wallTimeToIso } from '../../app/format.ts';
import type { AuditFilters } from './audit.api.ts';

type Values = {
  range?: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;
  eventType?: string;
  actor?: string;
  result?: 'success' | 'failure';
  objectId?: string;
};

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** Time range (China time), event type, actor, result, object id. */
export function AuditFilterBar({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const apply = (v: Values) => {
    const [from, to] = v.range ?? [null, null];
    onApply({
      from: from ? wallTimeToIso(from) : undefined,
      to: to ? wallTimeToIso(to) : undefined,
      eventType: trimmed(v.eventType),
      actor: trimmed(v.actor),
      result: v.result,
      objectId: trimmed(v.objectId),
    });
  };
  return (
    <Form<Values> form={form} onFinish={apply} data-testid="audit-filters">
      <Flex gap={12} wrap>
        <Form.Item name="range" noStyle>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[t('audit.from'), t('audit.to')]} />
        </Form.Item>
        <Form.Item name="eventType" noStyle>
          <Input allowClear placeholder={t('audit.fields.eventType')} style={{ width: 180 }} data-testid="audit-event-type" />
        </Form.Item>
        <Form.Item name="actor" noStyle>
          <Input allowClear placeholder={t('audit.fields.actor')} style={{ width: 150 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="result" noStyle>
          <Select
            allowClear
            placeholder={t('audit.fields.result')}
            style={{ width: 110 }}
            options={[
              { value: 'success', label: t('audit.result.success') },
              { value: 'failure', label: t('audit.result.failure') },
            ]}
          />
        </Form.Item>
        <Form.Item name="objectId" noStyle>
          <Input allowClear placeholder={t('audit.fields.objectId')} style={{ width: 200 }} data-testid="audit-object-id" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Flex>
    </Form>
  );
}
