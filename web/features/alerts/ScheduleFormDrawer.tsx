import { useEffect } from 'react';
import { App, Button, Col, Drawer, Flex, Form, Input, Row, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OnCallScheduleInput, type OnCallScheduleRecord } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { CalendarSelect, OrgFormItem } from './ConfigPickers.tsx';
import { LayerFields } from './LayerFields.tsx';
import { newLayerValues, newScheduleValues, scheduleFieldOf, scheduleToValues, toScheduleInput, type ScheduleFormValues } from './schedule-form-values.ts';
import { useScheduleMutations } from './useOnCall.ts';
import { placeIssues } from './form-issues.ts';

type Props = { open: boolean; onClose: () => void; schedule?: OnCallScheduleRecord | null };

/** A schedule's name, organisation and work calendar, and its layers (lowest first; the last one wins where it has someone). */
export function ScheduleFormDrawer({ open, onClose, schedule }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const navigate = useNavigate();
  const [form] = Form.useForm<ScheduleFormValues>();
  const { create, update } = useScheduleMutations();
  const isEdit = Boolean(schedule);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(schedule ? scheduleToValues(schedule) : newScheduleValues(scope.orgId ?? me.orgId, t('alerts.schedules.layerName', { n: 1 })));
  }, [open, schedule, form, scope.orgId, me.orgId, t]);

  const submit = (v: ScheduleFormValues) => {
    const checked = OnCallScheduleInput.safeParse(toScheduleInput(v, schedule?.rules.overrides ?? []));
    if (!checked.success) {
      placeIssues(form, checked.error.issues, scheduleFieldOf);
      void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const onError = (e: Error) => {
      if (!applyFieldErrors(form, e, scheduleFieldOf)) void message.error(errorMessage(e));
    };
    if (schedule) {
      const { orgId: _orgId, ...rest } = checked.data;
      update.mutate(
        { id: schedule.id, input: rest },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(checked.data, {
        onSuccess: (created) => {
          void message.success(t('common.created'));
          onClose();
          void navigate(`/alerts/schedules/${created.id}`);
        },
        onError,
      });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={isEdit ? t('alerts.schedules.edit') : t('alerts.schedules.create')}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="schedule-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<ScheduleFormValues> form={form} layout="vertical" onFinish={submit} data-testid="schedule-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]}>
              <Input maxLength={100} placeholder={t('alerts.schedules.namePlaceholder')} data-testid="schedule-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <OrgFormItem lockedName={schedule?.orgName} />
          </Col>
          <Col span={8}>
            <Form.Item name="calendarId" label={t('alerts.common.calendar')} extra={t('alerts.schedules.calendarHint')}>
              <CalendarSelect data-testid="schedule-calendar" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('alerts.common.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="timeZone" hidden>
          <Input />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('alerts.schedules.layersHint')}</Typography.Paragraph>
        <Form.List name="layers">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <LayerFields key={field.key} name={field.name} index={index} count={fields.length} onRemove={() => remove(field.name)} onMove={(to) => move(index, to)} />
              ))}
              <div>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add(newLayerValues(t('alerts.schedules.layerName', { n: fields.length + 1 })))} data-testid="schedule-layer-add">
                  {t('alerts.schedules.addLayer')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
