import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from './api.ts';
import { MeContext, type LoginState } from './session.tsx';
import { fetchMe, meKey } from '../features/auth/auth.api.ts';

/** Renders the console only for a fully authenticated session (password changed, TOTP done). */
export function AuthGate() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery({ queryKey: meKey, queryFn: fetchMe, retry: false, staleTime: 60_000 });

  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const state: LoginState = { from: location.pathname + location.search };
      return <Navigate to="/login" replace state={state} />;
    }
    return (
      <Result
        status="error"
        title={t('errors.sessionCheckFailed')}
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  // A half-finished login (password change or TOTP pending) continues on the login page.
  if (me.data.next !== 'done') return <Navigate to="/login" replace />;
  return (
    <MeContext value={me.data}>
      <Outlet />
    </MeContext>
  );
}
