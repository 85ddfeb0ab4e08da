import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getLastResponseAt, subscribeResponses } from './api.ts';
import { formatDateTime } from './format.ts';
import { leaveConsole, useMe } from './session.tsx';
import { meKey } from '../features/auth/auth.api.ts';

const WARN_BEFORE_MS = 60_000;

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Shows how long until the server ends this idle session (its clock restarts with every request), warns a minute
 * before, and goes to /login with "会话已超时" when it runs out. It never polls: polling would keep the session alive.
 */
export function IdleTimer() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [lastAt, setLastAt] = useState(getLastResponseAt);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => subscribeResponses(() => setLastAt(getLastResponseAt())), []);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const leftMs = me.idleTimeoutSeconds * 1000 - Math.max(0, now - lastAt);
  const isExpired = leftMs <= 0;
  useEffect(() => {
    if (isExpired) void leaveConsole(navigate, queryClient, { reason: 'expired' });
  }, [isExpired, navigate, queryClient]);

  return (
    <>
      <Tooltip
        title={t('session.tooltip', {
          minutes: Math.round(me.idleTimeoutSeconds / 60),
          absolute: formatDateTime(me.sessionExpiresAt),
        })}
      >
        <Typography.Text type={leftMs < WARN_BEFORE_MS ? 'danger' : 'secondary'} data-testid="idle-timer" style={{ whiteSpace: 'nowrap' }}>
          <ClockCircleOutlined /> {formatLeft(leftMs)}
        </Typography.Text>
      </Tooltip>
      <Modal
        open={!isExpired && leftMs < WARN_BEFORE_MS}
        title={t('session.expiringTitle')}
        closable={false}
        footer={
          <Button type="primary" onClick={() => void queryClient.invalidateQueries({ queryKey: meKey })}>
            {t('session.stay')}
          </Button>
        }
      >
        {t('session.expiringBody', { time: formatLeft(leftMs) })}
      </Modal>
    </>
  );
}
