import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoginNext } from '../../../shared/schemas/access.ts';
import { TotpVerifyInput } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { verifyTotp } from './auth.api.ts';

type Props = { onDone: (next: LoginNext) => void };

/** The second factor on every login: a 6-digit code from the app, or one recovery code. */
export function TotpVerifyStep({ onDone }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: (code: string) => verifyTotp(code),
    onMutate: () => setError(null),
    onSuccess: onDone,
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={(v) => verify.mutate(v.code.trim())}>
      <Typography.Paragraph>{t('auth.totp.verifyHint')}</Typography.Paragraph>
      <Form.Item name="code" label={t('auth.totp.codeOrRecovery')} rules={[requiredRule(), zodRule(TotpVerifyInput.shape.code, t('auth.totp.codeFormat'))]}>
        <Input autoComplete="one-time-code" size="large" autoFocus maxLength={9} data-testid="totp-code" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="totp-error" />}
      <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending} data-testid="totp-submit">
        {t('auth.totp.verify')}
      </Button>
    </Form>
  );
}
