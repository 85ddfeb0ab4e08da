import { useEffect } from 'react';
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MaintenanceScope, MaintenanceWindowCreateInput } from '../../../shared/schemas/maintenance-windows.ts';
import { errorMessage } from '../../app/api.ts';
import { DISPLAY_TZ } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { maintenanceFieldFor, toMaintenanceInput, type MaintenanceFormValues } from './maintenance-form-values.ts';
import { ProbeAssetSelect } from './ProbeAssetSelect.tsx';
import { ProbeSelect } from './ProbeSelect.tsx';
import { useMaintenanceMutations } from './useMaintenance.ts';

type Target = { scope: 'probe'; probeId: string; probeName: string; orgId: string } | { scope: 'asset'; assetId: string; assetName: string; orgId: string };
type Props = { open: boolean; onClose: () => void; /** preset from a probe or asset page */ target?: Target };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A new 维护窗口: what it silences (probe, asset or organisation) and when (one-off, or daily / weekly / monthly). */
export function MaintenanceFormModal({ open, onClose, target }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<MaintenanceFormValues>();
  const { create } = useMaintenanceMutations();
  const values = Form.useWatch([], form) as Partial<MaintenanceFormValues> | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // the next full hour, in China time, for two hours: the usual shape of a planned change
    const start = dayjs().tz(DISPLAY_TZ).add(1, 'hour').startOf('hour');
    form.setFieldsValue({
      scope: target?.scope ?? 'probe',
      probeId: target?.scope === 'probe' ? target.probeId : undefined,
      assetId: target?.scope === 'asset' ? target.assetId : undefined,
      orgId: target?.orgId ?? scope.orgId ?? me.orgId,
      type: 'oneOff',
      range: [dayjs(start.format('YYYY-MM-DDTHH:mm')), dayjs(start.add(2, 'hour').format('YYYY-MM-DDTHH:mm'))],
      freq: 'weekly',
      weekdays: [6],
      monthDay: 1,
      time: dayjs('02:00', 'HH:mm'),
      durationMinutes: 120,
      validity: [dayjs().startOf('day'), dayjs().add(3, 'month').startOf('day')],
    });
  }, [open, form, target, scope.orgId, me.orgId]);

  const submit = (v: MaintenanceFormValues) => {
    const input = toMaintenanceInput(v);
    const checked = MaintenanceWindowCreateInput.safeParse(input);
    if (!checked.success) {
      const fields = checked.error.issues.flatMap((i) => {
        const name = maintenanceFieldFor(i.path, v.type);
        return name ? [{ name, errors: [i.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
      else void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    create.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('common.created'));
        onClose();
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e, (path) => { const f = maintenanceFieldFor(path, v.type); return f ? [f] : null; })) void message.error(errorMessage(e));
      },
    });
  };

  return (
    <Modal open={open} title={t('monitoring.maintenance.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending }, 'maintenance-save')} width={720} forceRender>
      <Form<MaintenanceFormValues> form={form} layout="vertical" onFinish={submit} data-testid="maintenance-form">
        <Form.Item name="title" label={t('monitoring.maintenance.fields.title')} rules={[requiredRule()]}>
          <Input maxLength={120} placeholder={t('monitoring.maintenance.fields.titlePlaceholder')} data-testid="maintenance-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="scope" label={t('monitoring.maintenance.fields.scope')} rules={[requiredRule()]}>
              <Radio.Group optionType="button" options={MaintenanceScope.options.map((s) => ({ value: s, label: t(`monitoring.maintenance.scope.${s}`) }))} data-testid="maintenance-scope" />
            </Form.Item>
          </Col>
          <Col span={14}>
            {values?.scope === 'probe' && (
              <Form.Item name="probeId" label={t('monitoring.maintenance.fields.target')} rules={[requiredRule()]}>
                <ProbeSelect current={target?.scope === 'probe' ? { id: target.probeId, name: target.probeName } : null} data-testid="maintenance-probe" />
              </Form.Item>
            )}
            {values?.scope === 'asset' && (
              <Form.Item name="assetId" label={t('monitoring.maintenance.fields.target')} rules={[requiredRule()]}>
                <ProbeAssetSelect current={target?.scope === 'asset' ? { id: target.assetId, name: target.assetName } : null} />
              </Form.Item>
            )}
            {values?.scope === 'organisation' && (
              <Form.Item name="orgId" label={t('monitoring.maintenance.fields.target')} rules={[requiredRule()]}>
                <OrgTreeSelect />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="type" label={t('monitoring.maintenance.fields.type')}>
          <Radio.Group options={[{ value: 'oneOff', label: t('monitoring.maintenance.fields.oneOff') }, { value: 'recurring', label: t('monitoring.maintenance.fields.recurring') }]} data-testid="maintenance-type" />
        </Form.Item>
        {values?.type !== 'recurring' ? (
          <Form.Item name="range" label={t('monitoring.maintenance.fields.range')} extra={t('monitoring.maintenance.oneOffMax')} rules={[requiredRule()]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="maintenance-range" />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="freq" label={t('monitoring.maintenance.fields.freq')} rules={[requiredRule()]}>
                <Select options={(['daily', 'weekly', 'monthly'] as const).map((f) => ({ value: f, label: t(`monitoring.maintenance.freq.${f}`) }))} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="validity" label={t('monitoring.maintenance.fields.validity')} rules={[requiredRule()]}>
                <DatePicker.RangePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {values.freq === 'weekly' && (
              <Col span={24}>
                <Form.Item name="weekdays" label={t('monitoring.maintenance.fields.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
                  <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`monitoring.maintenance.weekday.${d}`) }))} />
                </Form.Item>
              </Col>
            )}
            {values.freq === 'monthly' && (
              <Col span={8}>
                <Form.Item name="monthDay" label={t('monitoring.maintenance.fields.monthDay')} rules={[requiredRule()]}>
                  <InputNumber min={1} max={31} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            <Col span={8}>
              <Form.Item name="time" label={t('monitoring.maintenance.fields.time')} rules={[requiredRule()]}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="durationMinutes" label={t('monitoring.maintenance.fields.durationMinutes')} rules={[requiredRule()]}>
                <InputNumber min={1} max={7 * 24 * 60} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="reason" label={t('monitoring.maintenance.fields.reason')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
