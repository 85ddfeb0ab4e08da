import { Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PasswordPolicy } from '../../../shared/schemas/access.ts';
import { checkPassword } from './password-rules.ts';

type Props = { policy: z.infer<typeof PasswordPolicy>; password: string; username: string; isAdmin: boolean };

/** The password policy as a live checklist under the new-password field. */
export function PasswordRules({ policy, password, username, isAdmin }: Props) {
  const { t } = useTranslation();
  const checks = checkPassword(policy, password, username, isAdmin);
  const label = (id: string, params: Record<string, number>) => {
    if (id === 'length') return t('auth.rules.length', params);
    if (id === 'classes') return t('auth.rules.classes', params);
    return t('auth.rules.username');
  };
  return (
    <Space orientation="vertical" size={2} style={{ marginBottom: 12 }} data-testid="password-rules">
      {checks.map((c) => (
        <Typography.Text key={c.id} type={c.isMet ? 'success' : 'secondary'} data-met={c.isMet}>
          {c.isMet ? <CheckCircleFilled /> : <CloseCircleOutlined />} {label(c.id, c.params)}
        </Typography.Text>
      ))}
      <Typography.Text type="secondary">
        {t('auth.rules.history', { n: policy.historyCount })}
        {' · '}
        {t('auth.rules.maxAge', { days: policy.maxAgeDays })}
      </Typography.Text>
    </Space>
  );
}
