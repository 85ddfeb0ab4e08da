import { useEffect } from 'react';
import { App, Card, Empty, Flex, Form, Input, Modal, Radio, Skeleton, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SlaPolicyCreateInput } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { requiredRule } from '../../app/validation.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { PolicySummary } from './PolicySummary.tsx';
import { useDeskFormat } from './useDeskFormat.ts';
import { useSlaPolicyMutations, useSlaTemplates } from './useSlaPolicies.ts';

type Values = { templateKey: string; orgId: string; name?: string; isDefault: boolean };

/**
 * 从模板创建: one of the seed tenders' ready policies (levels, targets, pause reasons, matrix) copied into an
 * organisation, optionally renamed and made its default. Editing comes after, in the policy drawer.
 */
export function CreatePolicyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const { name } = useDeskFormat();
  const templates = useSlaTemplates(open);
  const { create } = useSlaPolicyMutations();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('templateKey', form);
  const template = templates.data?.items.find((x) => x.key === chosen);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ orgId: scope.orgId ?? me.orgId, isDefault: false });
  }, [open, form, scope.orgId, me.orgId]);

  const submit = (v: Values) => {
    const input = { orgId: v.orgId, templateKey: v.templateKey, isDefault: v.isDefault, ...(v.name?.trim() ? { name: v.name.trim() } : {}) };
    const checked = SlaPolicyCreateInput.safeParse(input);
    if (!checked.success) return void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
    create.mutate(input, {
      onSuccess: (p) => {
        void message.success(t('servicedesk.policies.created', { name: p.policy.name }));
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  };

  return (
    <Modal
      open={open}
      width={880}
      title={t('servicedesk.policies.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={withTestId({ loading: create.isPending }, 'policy-create-save')}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="policy-create-form">
        {templates.isPending && <Skeleton active />}
        {templates.isError && <ErrorState title={t('servicedesk.policies.template')} message={errorMessage(templates.error)} retryLabel={t('common.retry')} onRetry={() => void templates.refetch()} />}
        <Form.Item name="templateKey" label={t('servicedesk.policies.template')} rules={[requiredRule()]} hidden={!templates.isSuccess}>
          <Radio.Group style={{ width: '100%' }} data-testid="policy-template">
            <Flex vertical gap={8}>
              {(templates.data?.items ?? []).map((tpl) => (
                <Radio key={tpl.key} value={tpl.key} data-testid={`policy-template-${tpl.key}`}>
                  <Typography.Text strong>{name(tpl.policy)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{tpl.seed}</Typography.Text>
                  {tpl.key === templates.data?.platformDefault && <Tag color="blue" style={{ marginInlineStart: 8 }}>{t('servicedesk.policySource.platform_default')}</Tag>}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{tpl.policy.levels.map((l) => name(l)).join(t('common.listSeparator'))}</Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Card size="small" style={{ marginBottom: 16 }} title={t('servicedesk.policies.templatePreview')}>
          {template ? <PolicySummary policy={template.policy} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('servicedesk.policies.pickTemplate')} />}
        </Card>
        <Form.Item name="orgId" label={t('servicedesk.common.org')} rules={[requiredRule()]}>
          <OrgTreeSelect data-testid="policy-org" />
        </Form.Item>
        <Form.Item name="name" label={t('servicedesk.policies.name')} extra={t('servicedesk.policies.nameHint')}>
          <Input maxLength={60} placeholder={template ? template.policy.name : undefined} data-testid="policy-create-name" />
        </Form.Item>
        <Form.Item name="isDefault" label={t('servicedesk.policies.isDefault')} valuePropName="checked" extra={t('servicedesk.policies.defaultHint')}>
          <Switch data-testid="policy-create-default" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
