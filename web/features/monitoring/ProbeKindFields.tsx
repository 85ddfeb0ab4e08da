import { Col, Form, Input, InputNumber, Row, Select, Switch, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProbeKindKey } from '../../../shared/schemas/probes.ts';
import { SNMP_TEMPLATES } from '../../../shared/schemas/probe-kinds/snmp.ts';
import { currentLocale } from '../../app/i18n.ts';
import { requiredRule } from '../../app/validation.ts';
import { isFieldShown, KIND_SPECS, type ConfigField } from './probe-kinds.ts';
import type { ProbeFormValues } from './probe-form-values.ts';

/** The label of a select option: translated where the value is a code, else the value itself (GET, A, v2c …). */
function useOptionLabel() {
  const { t } = useTranslation();
  return (field: ConfigField['name'], option: string): string => {
    switch (field) {
      case 'keywordMode':
        return t(`monitoring.options.keywordMode.${option as 'present' | 'absent'}`);
      case 'processingId':
        return t(`monitoring.options.processingId.${option as 'P' | 'T' | 'D'}`);
      case 'ssl':
        return t(`monitoring.options.ssl.${option as 'disable' | 'require' | 'verify'}`);
      case 'encrypt':
        return t(`monitoring.options.encrypt.${option as 'off' | 'on' | 'strict'}`);
      case 'template':
        return SNMP_TEMPLATES.find((tpl) => tpl.name === option)?.label[currentLocale()] ?? option;
      default:
        return option;
    }
  };
}

/** The hand-written fields of a kind under `config.*`; required ones are marked, the rest fall back to the schema's default. */
export function ProbeKindFields({ form, kind }: { form: FormInstance<ProbeFormValues>; kind: ProbeKindKey }) {
  const { t } = useTranslation();
  const optionLabel = useOptionLabel();
  const config = (Form.useWatch('config', form) ?? {}) as Record<string, unknown>;
  const template = SNMP_TEMPLATES.find((tpl) => tpl.name === config.template);
  const fields = KIND_SPECS[kind].fields.filter((f) => isFieldShown(kind, f.name, config));

  const input = (f: ConfigField) => {
    const testId = `probe-config-${f.name}`;
    switch (f.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
      case 'boolean':
        return <Switch data-testid={testId} />;
      case 'textarea':
        return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid={testId} />;
      case 'select':
        return <Select allowClear={!f.isRequired} options={(f.options ?? []).map((o) => ({ value: o, label: optionLabel(f.name, o) }))} data-testid={testId} />;
      default:
        return <Input data-testid={testId} />;
    }
  };

  return (
    <Row gutter={16} data-testid="probe-kind-fields">
      {fields.map((f) => (
        <Col key={f.name} span={f.type === 'textarea' || f.name === 'url' || f.name === 'baseUrl' ? 24 : 12}>
          <Form.Item
            name={['config', f.name]}
            label={t(`monitoring.config.${f.name}`)}
            rules={f.isRequired ? [requiredRule()] : undefined}
            valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            extra={f.name === 'template' && template ? <Typography.Text type="secondary">{template.description[currentLocale()]}</Typography.Text> : undefined}
          >
            {input(f)}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
