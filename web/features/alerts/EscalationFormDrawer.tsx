import { useEffect } from 'react';
import { App, Button, Card, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EscalationPolicyInput, type EscalationPolicy } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { ChannelMultiSelect, ChannelSelect, OrgFormItem, ScheduleSelect } from './ConfigPickers.tsx';
import { escalationFieldOf, newEscalationValues, policyToValues, toEscalationInput, type EscalationFormValues, type TargetRow } from './escalation-form-values.ts';
import { useEscalationMutations } from './useAlertConfig.ts';
import { UserPick } from './UserPick.tsx';
import { placeIssues } from './form-issues.ts';

type Props = { open: boolean; onClose: () => void; policy?: EscalationPolicy | null };

const TARGET_KINDS: TargetRow['kind'][] = ['schedule', 'user', 'channel'];

/** One step's targets: a channel, the person on call in a schedule, or a named user, people reached through `via` channels. */
function TargetRows({ stepName }: { stepName: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[stepName, 'targets']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start" data-testid="escalation-target">
              <Form.Item name={[field.name, 'kind']} rules={[requiredRule()]} style={{ flex: '0 0 120px', marginBottom: 8 }}>
                <Select options={TARGET_KINDS.map((k) => ({ value: k, label: t(`alerts.escalation.targetKind.${k}`) }))} data-testid="escalation-target-kind" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue(['steps', stepName, 'targets', field.name, 'kind']) as TargetRow['kind'] | undefined;
                  if (kind === 'channel') {
                    return (
                      <Form.Item name={[field.name, 'channelId']} rules={[requiredRule()]} style={{ flex: 1, marginBottom: 8 }}>
                        <ChannelSelect data-testid="escalation-target-channel" />
                      </Form.Item>
                    );
                  }
                  return (
                    <>
                      {kind === 'user' ? (
                        <Form.Item name={[field.name, 'userId']} rules={[requiredRule()]} style={{ flex: 1, marginBottom: 8 }}>
                          <UserPick style={{ width: '100%' }} data-testid="escalation-target-user" />
                        </Form.Item>
                      ) : (
                        <Form.Item name={[field.name, 'scheduleId']} rules={[requiredRule()]} style={{ flex: 1, marginBottom: 8 }}>
                          <ScheduleSelect style={{ width: '100%' }} data-testid="escalation-target-schedule" />
                        </Form.Item>
                      )}
                      <Form.Item name={[field.name, 'via']} style={{ flex: 1, marginBottom: 8 }} tooltip={t('alerts.escalation.viaHint')}>
                        <ChannelMultiSelect placeholder={t('alerts.escalation.via')} data-testid="escalation-target-via" />
                      </Form.Item>
                    </>
                  );
                }}
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ kind: 'user', via: [] })} data-testid="escalation-target-add">
              {t('alerts.escalation.addTarget')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

/** An escalation policy: steps that notify more people the longer nobody acknowledges, optionally repeated. */
export function EscalationFormDrawer({ open, onClose, policy }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<EscalationFormValues>();
  const { create, update } = useEscalationMutations();
  const isEdit = Boolean(policy);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(policy ? policyToValues(policy) : newEscalationValues(scope.orgId ?? me.orgId));
  }, [open, policy, form, scope.orgId, me.orgId]);

  const submit = (v: EscalationFormValues) => {
    const checked = EscalationPolicyInput.safeParse(toEscalationInput(v));
    if (!checked.success) {
      placeIssues(form, checked.error.issues, escalationFieldOf);
      void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const done = {
      onSuccess: () => {
        void message.success(t(isEdit ? 'common.saved' : 'common.created'));
        onClose();
      },
      onError: (e: Error) => {
        if (!applyFieldErrors(form, e, escalationFieldOf)) void message.error(errorMessage(e));
      },
    };
    if (policy) {
      const { orgId: _orgId, ...rest } = checked.data;
      update.mutate({ id: policy.id, input: rest }, done);
    } else create.mutate(checked.data, done);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={isEdit ? t('alerts.escalation.edit') : t('alerts.escalation.create')}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="escalation-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<EscalationFormValues> form={form} layout="vertical" onFinish={submit} data-testid="escalation-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]}>
              <Input maxLength={100} placeholder={t('alerts.escalation.namePlaceholder')} data-testid="escalation-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <OrgFormItem lockedName={policy?.orgName} />
          </Col>
        </Row>
        <Form.Item name="description" label={t('alerts.common.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('alerts.escalation.stepTitle', { n: index + 1 })}
                  extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>{t('alerts.escalation.removeStep')}</Button>}
                  data-testid="escalation-step"
                >
                  <Form.Item
                    name={[field.name, 'delayMinutes']}
                    label={index === 0 ? t('alerts.escalation.firstDelay') : t('alerts.escalation.nextDelay')}
                    rules={[requiredRule()]}
                    style={{ marginBottom: 12 }}
                  >
                    <InputNumber min={0} max={24 * 60} suffix={t('units.minutes')} style={{ width: 200 }} data-testid="escalation-delay" />
                  </Form.Item>
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>{t('alerts.escalation.targets')}</Typography.Text>
                  <TargetRows stepName={field.name} />
                </Card>
              ))}
              <div>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ delayMinutes: 15, targets: [{ kind: 'user', via: [] }] })} data-testid="escalation-step-add">
                  {t('alerts.escalation.addStep')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="repeat" label={t('alerts.escalation.repeat')} extra={t('alerts.escalation.repeatHint')} style={{ marginTop: 16 }}>
          <InputNumber min={0} max={10} suffix={t('units.times')} style={{ width: 200 }} data-testid="escalation-repeat" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
