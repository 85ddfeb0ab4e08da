import { useEffect } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertRuleAggregate, AlertRuleInput, AlertRuleMetric, type AlertRule } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { KIND_ORDER } from '../monitoring/probe-kinds.ts';
import { ProbeSelect } from '../monitoring/ProbeSelect.tsx';
import { OrgFormItem } from './ConfigPickers.tsx';
import { placeIssues } from './form-issues.ts';
import { useRuleMutations } from './rules.api.ts';

type Values = Omit<AlertRuleInput, 'threshold'> & { threshold: number | null };
type Props = { open: boolean; onClose: () => void; rule?: AlertRule | null };

const fresh = (orgId: string): Values => ({ orgId, name: '', probeId: null, probeKind: null, metric: 'latency', measurementKey: null, aggregate: 'p95', op: '>', threshold: null, windowMinutes: 5, minSamples: 3, severity: 'P3', isEnabled: true });

/** A threshold rule: which probes, what to measure over how long, when it fires and at which level. */
export function RuleFormModal({ open, onClose, rule }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create, update } = useRuleMutations();
  const metric = Form.useWatch('metric', form);
  const orgId = Form.useWatch('orgId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(rule ? { ...rule } : fresh(scope.orgId ?? me.orgId));
  }, [open, rule, form, scope.orgId, me.orgId]);

  const submit = (v: Values) => {
    const checked = AlertRuleInput.safeParse({ ...v, name: v.name.trim(), measurementKey: v.metric === 'measurement' ? v.measurementKey : null, threshold: v.threshold ?? undefined });
    if (!checked.success) {
      if (!placeIssues(form, checked.error.issues, (p) => (p.length ? [String(p[0])] : null))) void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const onError = (e: Error) => {
      if (!applyFieldErrors(form, e, (p) => (p[0] === 'body' && p[1] ? [String(p[1])] : null))) void message.error(errorMessage(e));
    };
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (rule) {
      const { orgId: _orgId, ...rest } = checked.data;
      update.mutate({ id: rule.id, input: rest }, { onSuccess: done, onError });
    } else create.mutate(checked.data, { onSuccess: done, onError });
  };

  return (
    <Modal
      open={open}
      title={rule ? t('alerts.rules.edit') : t('alerts.rules.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'rule-save')}
      width={720}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="rule-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]} extra={t('alerts.rules.nameHint')}>
              <Input maxLength={100} data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <OrgFormItem lockedName={rule?.orgName} />
          </Col>
          <Col span={12}>
            <Form.Item name="probeId" label={t('alerts.rules.fields.probe')} extra={t('alerts.rules.probeHint')}>
              <ProbeSelect orgId={orgId} current={null} data-testid="rule-probe" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="probeKind" label={t('alerts.rules.fields.probeKind')}>
              <Select allowClear placeholder={t('alerts.rules.anyKind')} options={KIND_ORDER.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))} onChange={(v: string | undefined) => form.setFieldValue('probeKind', v ?? null)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="metric" label={t('alerts.rules.fields.metric')} rules={[requiredRule()]}>
              <Select options={AlertRuleMetric.options.map((m) => ({ value: m, label: t(`alerts.rules.metric.${m}`) }))} data-testid="rule-metric" />
            </Form.Item>
          </Col>
          <Col span={8}>
            {metric === 'measurement' ? (
              <Form.Item name="measurementKey" label={t('alerts.rules.fields.measurementKey')} rules={[requiredRule()]} extra={t('alerts.rules.measurementHint')}>
                <Input maxLength={100} placeholder="temperature" />
              </Form.Item>
            ) : (
              <Form.Item name="aggregate" label={t('alerts.rules.fields.aggregate')}>
                <Select disabled={metric === 'failure_ratio'} options={AlertRuleAggregate.options.map((a) => ({ value: a, label: t(`alerts.rules.aggregate.${a}`) }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            {metric === 'measurement' && (
              <Form.Item name="aggregate" label={t('alerts.rules.fields.aggregate')}>
                <Select options={AlertRuleAggregate.options.map((a) => ({ value: a, label: t(`alerts.rules.aggregate.${a}`) }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={6}>
            <Form.Item name="op" label={t('alerts.rules.fields.op')}>
              <Select options={['>', '>=', '<', '<='].map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="threshold" label={t('alerts.rules.fields.threshold')} rules={[requiredRule()]} extra={metric === 'failure_ratio' ? t('alerts.rules.ratioHint') : metric === 'latency' ? 'ms' : undefined}>
              <InputNumber style={{ width: '100%' }} data-testid="rule-threshold" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="windowMinutes" label={t('alerts.rules.fields.windowMinutes')}>
              <InputNumber min={1} max={1440} style={{ width: '100%' }} addonAfter={t('alerts.rules.minutes')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minSamples" label={t('alerts.rules.fields.minSamples')}>
              <InputNumber min={1} max={10_000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="severity" label={t('alerts.columns.severity')}>
              <Select options={AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="isEnabled" label={t('alerts.common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
