import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LoginInput, LoginNext } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { requiredRule } from '../../app/validation.ts';
import { login } from './auth.api.ts';

type Props = { onSuccess: (next: LoginNext, username: string) => void };

/** User name + password. Every failure shows the server's own (localized) message, e.g. a locked account. */
export function CredentialsForm({ onSuccess }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: (values: LoginInput) => login(values),
    onMutate: () => setError(null),
    onSuccess: (result, values) => onSuccess(result.next, values.username),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Form<LoginInput> layout="vertical" size="large" requiredMark={false} onFinish={(v) => submit.mutate(v)} data-testid="login-form">
      <Form.Item name="username" label={t('auth.username')} rules={[requiredRule()]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[requiredRule()]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="login-submit">
        {t('auth.login')}
      </Button>
    </Form>
  );
}
