import { useEffect, useState } from 'react';
import { App, Button, Col, Divider, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import type { NotificationChannel } from '../../../shared/schemas/notifications.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { CHANNEL_KIND_ORDER, CHANNEL_SPECS, channelIssues, configDefaults, configToForm, enumOptions, formToConfig, formToSecrets, type ChannelField, type FormFields } from './channel-kinds.ts';
import { OrgFormItem } from './ConfigPickers.tsx';
import { KeyValueRows } from './KeyValueRows.tsx';
import { useChannelMutations } from './useChannels.ts';

/** Help texts quote template variables such as {{phone}}: interpolation gets other markers so they stay as written. */
const LITERAL_BRACES = { interpolation: { prefix: '[[[', suffix: ']]]' } };

type Values = { orgId: string; name: string; kind: ChannelKindKey; ratePerMinute?: number | null; isEnabled: boolean; config?: FormFields; secrets?: FormFields };
type Props = { open: boolean; onClose: () => void; channel?: NotificationChannel | null };

/** One field of a kind, under `config.*` or `secrets.*`. */
function KindField({ kind, field, section }: { kind: ChannelKindKey; field: ChannelField; section: 'config' | 'secrets' }) {
  const { t } = useTranslation();
  const testId = `channel-${section}-${field.key}`;
  const label = t(`alerts.channels.fields.${field.name}`);
  const extra = field.help ? t(`alerts.channels.help.${field.help}`, LITERAL_BRACES) : undefined;
  if (field.type === 'kv') {
    return (
      <Form.Item label={label} extra={extra}>
        <KeyValueRows name={[section, field.key]} isSecret={section === 'secrets'} data-testid={testId} />
      </Form.Item>
    );
  }
  const input = () => {
    switch (field.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
      case 'boolean':
        return <Switch data-testid={testId} />;
      case 'textarea':
        return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid={testId} />;
      case 'select':
        return <Select options={enumOptions(kind, field.key).map((o) => ({ value: o, label: o }))} data-testid={testId} />;
      case 'list':
        return <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder={t('alerts.channels.listPlaceholder')} data-testid={testId} />;
      case 'password':
        return <Input.Password autoComplete="new-password" visibilityToggle={false} data-testid={testId} />;
      default:
        return <Input data-testid={testId} />;
    }
  };
  return (
    <Form.Item name={[section, field.key]} label={label} extra={extra} rules={field.isRequired ? [requiredRule()] : undefined} valuePropName={field.type === 'boolean' ? 'checked' : 'value'}>
      {input()}
    </Form.Item>
  );
}

/**
 * Create or edit a channel: its kind's fields from the kind's schema, and write-only secrets (a channel with stored
 * secrets shows "已设置" and a replace action). Everything is checked with the server's schemas before sending.
 */
export function ChannelFormModal({ open, onClose, channel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create, update } = useChannelMutations();
  const [kind, setKind] = useState<ChannelKindKey>(channel?.kind ?? 'wecom');
  const [isReplacing, setReplacing] = useState(false);
  const isEdit = Boolean(channel);
  const hasStoredSecrets = Boolean(channel?.hasSecrets);
  const isSecretShown = !hasStoredSecrets || isReplacing;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const k = channel?.kind ?? 'wecom';
    setKind(k);
    setReplacing(false);
    form.setFieldsValue(
      channel
        ? { orgId: channel.orgId, name: channel.name, kind: k, ratePerMinute: channel.ratePerMinute, isEnabled: channel.isEnabled, config: configToForm(k, channel.config), secrets: {} }
        : { orgId: scope.orgId ?? me.orgId, name: '', kind: k, ratePerMinute: null, isEnabled: true, config: configDefaults(k), secrets: {} },
    );
  }, [open, channel, form, scope.orgId, me.orgId]);

  const onKindChange = (next: ChannelKindKey) => {
    setKind(next);
    // one kind's fields mean nothing to another (a robot key is not an SMTP host)
    form.setFieldsValue({ config: configDefaults(next), secrets: {} });
  };

  const submit = (v: Values) => {
    const config = formToConfig(kind, v.config ?? {}, channel?.config);
    const secrets = isSecretShown ? formToSecrets(kind, v.secrets ?? {}) : undefined;
    const issues = channelIssues(kind, config, secrets);
    if (issues.length) {
      form.setFields(issues.map((i) => ({ name: i.name, errors: [i.message] })));
      void message.error(issues[0]?.message);
      return;
    }
    const done = {
      onSuccess: () => {
        void message.success(t(isEdit ? 'common.saved' : 'common.created'));
        onClose();
      },
      onError: (e: Error) => {
        if (!applyFieldErrors(form, e)) void message.error(errorMessage(e));
      },
    };
    const common = { name: v.name.trim(), config, ratePerMinute: v.ratePerMinute ?? null, isEnabled: v.isEnabled };
    if (channel) update.mutate({ id: channel.id, input: { ...common, ...(secrets ? { secrets } : {}) } }, done);
    else create.mutate({ ...common, orgId: v.orgId, kind, secrets }, done);
  };

  const spec = CHANNEL_SPECS[kind];
  const fieldCol = (field: ChannelField, section: 'config' | 'secrets') => (
    <Col key={`${section}.${field.key}`} span={field.isWide ? 24 : 12}>
      <KindField kind={kind} field={field} section={section} />
    </Col>
  );

  return (
    <Modal
      open={open}
      title={isEdit ? t('alerts.channels.edit') : t('alerts.channels.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'channel-save')}
      width={820}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="channel-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]}>
              <Input maxLength={100} placeholder={t('alerts.channels.namePlaceholder')} data-testid="channel-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('alerts.channels.fields.kind')} rules={[requiredRule()]}>
              <Select disabled={isEdit} onChange={onKindChange} options={CHANNEL_KIND_ORDER.map((k) => ({ value: k, label: t(`alerts.channels.kind.${k}`) }))} data-testid="channel-kind" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <OrgFormItem lockedName={channel?.orgName} />
          </Col>
          <Col span={6}>
            <Form.Item name="ratePerMinute" label={t('alerts.channels.fields.ratePerMinute')} tooltip={t('alerts.channels.help.ratePerMinute')}>
              <InputNumber min={1} max={6000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isEnabled" label={t('alerts.common.enabled')} valuePropName="checked">
              <Switch data-testid="channel-enabled" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('alerts.channels.sections.config')}</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t(`alerts.channels.kindHint.${kind}`, LITERAL_BRACES)}</Typography.Paragraph>
        <Row gutter={16}>{spec.config.map((field) => fieldCol(field, 'config'))}</Row>
        <Divider titlePlacement="start" plain>{t('alerts.channels.sections.secrets')}</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('alerts.channels.secretHint')}</Typography.Paragraph>
        {hasStoredSecrets && (
          <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
            <Tag color="green" data-testid="channel-secret-set">{t('alerts.channels.secretSet')}</Tag>
            {isReplacing ? (
              <Button size="small" onClick={() => { form.setFieldValue('secrets', {}); setReplacing(false); }}>{t('alerts.channels.secretKeep')}</Button>
            ) : (
              <Button size="small" onClick={() => setReplacing(true)} data-testid="channel-secret-replace">{t('alerts.channels.secretReplace')}</Button>
            )}
          </Flex>
        )}
        {isSecretShown && <Row gutter={16}>{spec.secrets.map((field) => fieldCol(field, 'secrets'))}</Row>}
      </Form>
    </Modal>
  );
}
