import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoginNext } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { changePassword, fetchPasswordPolicy, passwordPolicyKey } from './auth.api.ts';
import { checkPassword } from './password-rules.ts';
import { PasswordRules } from './PasswordRules.tsx';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };
type Props = { username: string; isAdmin: boolean; onDone: (next: LoginNext) => void; extraActions?: React.ReactNode };

/** Current + new password with the policy shown live; used by the forced change and by the user menu. */
export function PasswordChangeForm({ username, isAdmin, onDone, extraActions }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [serverError, setServerError] = useState<string | null>(null);
  const policy = useQuery({ queryKey: passwordPolicyKey, queryFn: fetchPasswordPolicy, staleTime: 300_000 });
  const change = useMutation({
    mutationFn: (v: Values) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: (next) => {
      message.success(t('auth.passwordChanged'));
      onDone(next);
    },
    onMutate: () => setServerError(null),
    onError: (error) => {
      if (!applyFieldErrors(form, error)) setServerError(errorMessage(error));
    },
  });

  if (policy.isPending) return <Skeleton active />;
  if (policy.isError) return <Alert type="error" showIcon title={errorMessage(policy.error)} />;
  const policyData = policy.data;

  return (
    <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false} data-testid="password-change-form">
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[requiredRule()]}>
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        rules={[
          requiredRule(),
          {
            validator: async (_r, value: string | undefined) => {
              if (value && checkPassword(policyData, value, username, isAdmin).some((c) => !c.isMet)) {
                throw new Error(t('auth.rules.notMet'));
              }
            },
          },
        ]}
        style={{ marginBottom: 8 }}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <PasswordRules policy={policyData} password={newPassword} username={username} isAdmin={isAdmin} />
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          requiredRule(),
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        {extraActions}
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('auth.changePassword')}
        </Button>
      </div>
    </Form>
  );
}
