import { useEffect } from 'react';
import { App, Col, Divider, Form, Input, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertIntegrationInput, AlertIntegrationKind, type AlertIntegration } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgFormItem } from './ConfigPickers.tsx';
import { integrationFieldOf, integrationToValues, MAPPING_PATHS, newIntegrationValues, toIntegrationConfig, type IntegrationFormValues } from './integration-form-values.ts';
import { KeyValueRows } from './KeyValueRows.tsx';
import { useIntegrationMutations } from './useAlertConfig.ts';
import { placeIssues } from './form-issues.ts';

type Props = { open: boolean; onClose: () => void; integration?: AlertIntegration | null; onCreated?: (created: AlertIntegration) => void };

const ZABBIX_LEVELS = [0, 1, 2, 3, 4, 5] as const;
const TAGS = { mode: 'tags' as const, tokenSeparators: [',', '，', ' '], open: false, suffixIcon: null };

/** A source another monitoring system posts to: Alertmanager, Zabbix (our media type) or any JSON webhook with a field mapping. */
export function IntegrationFormModal({ open, onClose, integration, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<IntegrationFormValues>();
  const { create, update } = useIntegrationMutations();
  const kind = Form.useWatch('kind', form);
  const isEdit = Boolean(integration);
  const severityOptions = AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }));
  const severitySelect = <Select options={severityOptions} placeholder={t('alerts.columns.severity')} />;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(integration ? integrationToValues(integration) : newIntegrationValues(scope.orgId ?? me.orgId));
  }, [open, integration, form, scope.orgId, me.orgId]);

  const submit = (v: IntegrationFormValues) => {
    const input = { orgId: v.orgId, name: v.name.trim(), isEnabled: v.isEnabled, config: toIntegrationConfig(v) };
    const checked = AlertIntegrationInput.safeParse(input);
    if (!checked.success) {
      placeIssues(form, checked.error.issues, (p) => integrationFieldOf(v.kind, p));
      void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const onError = (e: Error) => {
      if (!applyFieldErrors(form, e, (p) => integrationFieldOf(v.kind, p))) void message.error(errorMessage(e));
    };
    if (integration) {
      const { orgId: _orgId, ...rest } = checked.data;
      update.mutate({ id: integration.id, input: rest }, { onSuccess: () => { void message.success(t('common.saved')); onClose(); }, onError });
    } else {
      create.mutate(checked.data, {
        onSuccess: (created) => {
          void message.success(t('common.created'));
          onClose();
          onCreated?.(created);
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('alerts.integrations.edit') : t('alerts.integrations.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'integration-save')}
      width={780}
      forceRender
    >
      <Form<IntegrationFormValues> form={form} layout="vertical" onFinish={submit} data-testid="integration-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]}>
              <Input maxLength={100} placeholder={t('alerts.integrations.namePlaceholder')} data-testid="integration-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <OrgFormItem lockedName={integration?.orgName} extra={t('alerts.integrations.orgHint')} />
          </Col>
          <Col span={16}>
            <Form.Item name="kind" label={t('alerts.integrations.fields.kind')} rules={[requiredRule()]}>
              <Radio.Group optionType="button" disabled={isEdit} options={AlertIntegrationKind.options.map((k) => ({ value: k, label: t(`alerts.integrations.kind.${k}`) }))} data-testid="integration-kind" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isEnabled" label={t('alerts.common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('alerts.integrations.sections.options')}</Divider>
        {/* every kind's fields stay mounted (hidden when not chosen) so switching kind keeps what was typed */}
        <div hidden={kind !== 'alertmanager'}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['alertmanager', 'severityLabel']} label={t('alerts.integrations.fields.severityLabel')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['alertmanager', 'defaultSeverity']} label={t('alerts.integrations.fields.defaultSeverity')}>
                {severitySelect}
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('alerts.integrations.fields.severityMap')} extra={t('alerts.integrations.severityMapHint')}>
            <KeyValueRows name={['alertmanager', 'severityMap']} keyPlaceholder="critical" valueInput={severitySelect} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['alertmanager', 'orgLabels']} label={t('alerts.integrations.fields.orgLabels')} extra={t('alerts.integrations.orgLabelsHint')}>
                <Select {...TAGS} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['alertmanager', 'assetLabels']} label={t('alerts.integrations.fields.assetLabels')} extra={t('alerts.integrations.assetLabelsHint')}>
                <Select {...TAGS} />
              </Form.Item>
            </Col>
          </Row>
        </div>
        <div hidden={kind !== 'zabbix'}>
          <Typography.Paragraph type="secondary">{t('alerts.integrations.zabbixLevelsHint')}</Typography.Paragraph>
          <Row gutter={16}>
            {ZABBIX_LEVELS.map((level) => (
              <Col key={level} span={8}>
                <Form.Item name={['zabbix', 'severities', level]} label={t(`alerts.integrations.zabbixLevel.${level}`)}>
                  {severitySelect}
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name={['zabbix', 'orgTags']} label={t('alerts.integrations.fields.orgTags')} extra={t('alerts.integrations.orgLabelsHint')}>
            <Select {...TAGS} />
          </Form.Item>
        </div>
        <div hidden={kind !== 'webhook'} data-testid="integration-mapping">
          <Typography.Paragraph type="secondary">{t('alerts.integrations.mappingHint')}</Typography.Paragraph>
          <Row gutter={16}>
            {MAPPING_PATHS.map((key) => (
              <Col key={key} span={12}>
                <Form.Item
                  name={['webhook', key]}
                  label={t(`alerts.integrations.mapping.${key}`)}
                  rules={key === 'title' && kind === 'webhook' ? [requiredRule()] : undefined}
                  tooltip={t(`alerts.integrations.mappingHelp.${key}`)}
                >
                  <Input placeholder={t(`alerts.integrations.mappingPlaceholder.${key}`)} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid={`integration-mapping-${key}`} />
                </Form.Item>
              </Col>
            ))}
            <Col span={12}>
              <Form.Item name={['webhook', 'defaultSeverity']} label={t('alerts.integrations.fields.defaultSeverity')}>
                {severitySelect}
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('alerts.integrations.fields.statusMap')} extra={t('alerts.integrations.statusMapHint')}>
            <KeyValueRows
              name={['webhook', 'statusMap']}
              keyPlaceholder="OK"
              valueInput={<Select options={(['firing', 'resolved'] as const).map((s) => ({ value: s, label: t(`alerts.integrations.inboundStatus.${s}`) }))} />}
            />
          </Form.Item>
          <Form.Item label={t('alerts.integrations.fields.severityMap')} extra={t('alerts.integrations.severityMapHint')}>
            <KeyValueRows name={['webhook', 'severityMap']} keyPlaceholder="CRITICAL" valueInput={severitySelect} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
