import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Flex, Spin, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoginNext } from '../../../shared/schemas/access.ts';
import { sessionProbeKey, type LoginState } from '../../app/session.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { fetchMe } from './auth.api.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';
import { TotpEnrolStep } from './TotpEnrolStep.tsx';
import { TotpVerifyStep } from './TotpVerifyStep.tsx';

type Step = 'credentials' | Exclude<LoginNext, 'done'>;
const STEP_INDEX: Record<Step, number> = { credentials: 0, change_password: 1, enrol_totp: 2, verify_totp: 1 };

/**
 * /login: user name and password, then whatever the server's `next` asks for (forced password change, TOTP
 * enrolment or verification) until it answers 'done'. A reload resumes the step from GET /api/auth/me.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = (useLocation().state ?? {}) as LoginState;
  const [step, setStep] = useState<Step | null>(null);
  const [username, setUsername] = useState('');
  const probe = useQuery({ queryKey: sessionProbeKey, queryFn: fetchMe, retry: false, gcTime: 0 });

  const target = state.from && state.from !== '/login' ? state.from : '/';
  const finish = () => {
    // Drop answers cached before the login (notably /me's 401) so the console starts fresh.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionProbeKey[0] && q.queryKey[0] !== 'totp-enrol' });
    void navigate(target, { replace: true });
  };
  const advance = (next: LoginNext) => {
    void queryClient.invalidateQueries({ queryKey: sessionProbeKey });
    if (next === 'done') finish();
    else setStep(next);
  };

  // Already fully signed in (e.g. /login opened in a second tab): go straight to the console.
  if (probe.data?.next === 'done' && step === null) return <Navigate to={target} replace />;
  const current: Step = step ?? (probe.data && probe.data.next !== 'done' ? probe.data.next : 'credentials');
  const who = probe.data?.username ?? username;
  const isAdmin = probe.data ? probe.data.adminClass !== null : false;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100%', boxSizing: 'border-box', background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)', padding: 24 }}>
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0, letterSpacing: 2 }} data-testid="brand">
          {t('brand.name')} <Typography.Text type="secondary" style={{ fontSize: 20, fontWeight: 400 }}>yiwei</Typography.Text>
        </Typography.Title>
        <Typography.Text type="secondary">{t('brand.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: 440, maxWidth: '100%' }} data-testid={`login-step-${current}`}>
        {current !== 'credentials' && (
          <Steps
            size="small"
            current={STEP_INDEX[current]}
            style={{ marginBottom: 24 }}
            items={
              // a returning user only sees password → code; a first login also changes the password
              current === 'verify_totp'
                ? [{ title: t('auth.steps.password') }, { title: t('auth.steps.totp') }]
                : [{ title: t('auth.steps.password') }, { title: t('auth.steps.change') }, { title: t('auth.steps.totp') }]
            }
          />
        )}
        {state.reason === 'expired' && current === 'credentials' && (
          <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} data-testid="session-expired" />
        )}
        {state.reason === 'logged_out' && current === 'credentials' && (
          <Alert type="success" showIcon title={t('auth.loggedOut')} style={{ marginBottom: 16 }} />
        )}
        {current !== 'credentials' && who && (
          <Typography.Paragraph type="secondary">{t('auth.signedInAs', { username: who })}</Typography.Paragraph>
        )}
        {probe.isPending && step === null ? (
          <Flex justify="center" style={{ padding: 32 }}>
            <Spin />
          </Flex>
        ) : current === 'credentials' ? (
          <CredentialsForm
            onSuccess={(next, name) => {
              setUsername(name);
              advance(next);
            }}
          />
        ) : current === 'change_password' ? (
          <>
            <Alert type="info" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />
            <PasswordChangeForm username={who} isAdmin={isAdmin} onDone={advance} />
          </>
        ) : current === 'enrol_totp' ? (
          <TotpEnrolStep username={who} onDone={() => void fetchMe().then((me) => advance(me.next), () => setStep('credentials'))} />
        ) : (
          <TotpVerifyStep onDone={advance} />
        )}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('brand.footer')}
      </Typography.Text>
    </Flex>
  );
}
