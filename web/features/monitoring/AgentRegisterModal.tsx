import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AgentCreateInput } from '../../../shared/schemas/agents.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { CopyableSecret } from '../../ui/CopyableSecret.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { agentCommand } from './monitoring-format.ts';
import { useAgentMutations } from './useAgents.ts';

type Values = { orgId: string; name: string };
type Props = { open: boolean; onClose: () => void };

/** Registers an edge agent; its token (and the command that uses it) is shown once, then only its digest is kept. */
export function AgentRegisterModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create } = useAgentMutations();
  const [token, setToken] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ orgId: scope.orgId ?? me.orgId });
    setToken(null);
  }, [open, form, scope.orgId, me.orgId]);

  const submit = (v: Values) =>
    create.mutate(v, {
      onSuccess: (r) => setToken(r.token),
      onError: (e) => {
        if (!applyFieldErrors(form, e)) void message.error(errorMessage(e));
      },
    });

  if (token) {
    const command = agentCommand(window.location.origin, token);
    return (
      <Modal open={open} title={t('monitoring.agents.tokenTitle')} mask={{ closable: false }} onCancel={onClose} footer={<Button type="primary" onClick={onClose} data-testid="agent-token-done">{t('common.done')}</Button>}>
        <Alert type="warning" showIcon title={t('monitoring.agents.tokenHint')} style={{ marginBottom: 12 }} />
        <CopyableSecret value={token} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} data-testid="agent-token" />
        <Typography.Paragraph strong style={{ margin: '16px 0 8px' }}>{t('monitoring.agents.command')}</Typography.Paragraph>
        <CopyableSecret value={command} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} data-testid="agent-command" />
      </Modal>
    );
  }
  return (
    <Modal open={open} title={t('monitoring.agents.register')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending }, 'agent-save')} forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="orgId" label={t('monitoring.agents.org')} rules={[requiredRule()]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('monitoring.agents.name')} rules={[requiredRule(), zodRule(AgentCreateInput.shape.name)]}>
          <Input maxLength={60} placeholder={t('monitoring.agents.namePlaceholder')} data-testid="agent-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
