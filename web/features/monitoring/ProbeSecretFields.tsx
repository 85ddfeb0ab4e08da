import { Button, Col, Flex, Form, Input, Row, Space, Tag, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProbeKindKey } from '../../../shared/schemas/probes.ts';
import { isFieldShown, KIND_SPECS } from './probe-kinds.ts';
import type { ProbeFormValues, SecretMode } from './probe-form-values.ts';

type Props = {
  form: FormInstance<ProbeFormValues>;
  kind: ProbeKindKey;
  /** editing a probe whose secrets are stored: they are not shown, only replaced or removed */
  hasSecrets: boolean;
  mode: SecretMode;
  onModeChange: (mode: SecretMode) => void;
};

/**
 * Passwords, SNMP communities and keys are write-only: never prefilled, never shown again. A probe with stored
 * secrets shows "已设置" and a replace action; the inputs appear only when replacing (or on a new probe).
 */
export function ProbeSecretFields({ form, kind, hasSecrets, mode, onModeChange }: Props) {
  const { t } = useTranslation();
  const config = (Form.useWatch('config', form) ?? {}) as Record<string, unknown>;
  const fields = KIND_SPECS[kind].secretFields.filter((f) => isFieldShown(kind, f.name, config));
  if (fields.length === 0) return null;
  const isEditingValues = !hasSecrets || mode === 'replace';

  return (
    <div data-testid="probe-secrets">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('monitoring.form.secretHint')}</Typography.Paragraph>
      {hasSecrets && (
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          {mode === 'remove' ? <Tag color="red">{t('monitoring.form.secretRemoved')}</Tag> : <Tag color="green" data-testid="probe-secret-set">{t('monitoring.form.secretSet')}</Tag>}
          <Space size={4}>
            {mode !== 'replace' && <Button size="small" onClick={() => onModeChange('replace')} data-testid="probe-secret-replace">{t('monitoring.form.secretReplace')}</Button>}
            {mode !== 'keep' && <Button size="small" onClick={() => { form.setFieldValue('secrets', {}); onModeChange('keep'); }}>{t('monitoring.form.secretKeep')}</Button>}
            {mode !== 'remove' && <Button size="small" danger type="text" onClick={() => { form.setFieldValue('secrets', {}); onModeChange('remove'); }}>{t('monitoring.form.secretRemove')}</Button>}
          </Space>
        </Flex>
      )}
      {isEditingValues && (
        <Row gutter={16}>
          {fields.map((f) => (
            <Col key={f.name} span={12}>
              <Form.Item name={['secrets', f.name]} label={t(`monitoring.config.${f.name}`)}>
                {f.type === 'textarea' ? (
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} autoComplete="off" />
                ) : (
                  <Input.Password autoComplete="new-password" visibilityToggle={false} placeholder={hasSecrets ? undefined : t('monitoring.form.secretNotSet')} data-testid={`probe-secret-${f.name}`} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
