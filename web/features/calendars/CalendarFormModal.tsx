import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkCalendarCreateInput, type WorkCalendar } from '../../../shared/schemas/calendars.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { DEFAULT_WEEKDAY } from './time-ranges.ts';
import { useCalendarMutations } from './useCalendars.ts';

type Values = { name: string; orgId?: string | null; description?: string; timeZone: string; followsNationalHolidays: boolean };
type Props = { open: boolean; onClose: () => void; onCreated: (calendar: WorkCalendar) => void };
const shape = WorkCalendarCreateInput.shape;
/** Mainland China has one civil time; Urumqi is offered because Xinjiang hospitals often keep local hours. */
const TIME_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau'];

/** A new work calendar starts as Monday–Friday 08:00-12:00, 13:30-17:30 and follows the national holidays. */
export function CalendarFormModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create } = useCalendarMutations();
  const onFinish = (v: Values) =>
    create.mutate(
      {
        name: v.name,
        orgId: v.orgId ?? null,
        description: v.description?.trim() || null,
        timeZone: v.timeZone,
        followsNationalHolidays: v.followsNationalHolidays,
        weekly: [DEFAULT_WEEKDAY, DEFAULT_WEEKDAY, DEFAULT_WEEKDAY, DEFAULT_WEEKDAY, DEFAULT_WEEKDAY, [], []],
        makeupRanges: DEFAULT_WEEKDAY,
      },
      {
        onSuccess: (c) => {
          form.resetFields();
          onCreated(c);
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
        },
      },
    );
  return (
    <Modal open={open} title={t('calendars.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} forceRender>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ timeZone: 'Asia/Shanghai', followsNationalHolidays: true, orgId: scope.orgId ?? null }}
      >
        <Form.Item name="name" label={t('calendars.fields.name')} rules={[requiredRule(), zodRule(shape.name)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="orgId" label={t('calendars.fields.org')} extra={t('calendars.orgHint')}>
          <OrgTreeSelect allowClear placeholder={t('calendars.platformWide')} />
        </Form.Item>
        <Form.Item name="description" label={t('calendars.fields.description')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('calendars.fields.timeZone')} rules={[requiredRule()]}>
          <Select options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
        </Form.Item>
        <Form.Item name="followsNationalHolidays" label={t('calendars.fields.followsNationalHolidays')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
