import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Typography } from 'antd';
import { ApiOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe, leaveConsole } from './session.tsx';
import { logout } from '../features/auth/auth.api.ts';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.tsx';
import { roleLabel } from '../features/roles/role-label.ts';

/** Display name and roles, change password, API docs, logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isPasswordOpen, setPasswordOpen] = useState(false);
  const signOut = useMutation({
    mutationFn: logout,
    // Leave even when the server call fails: the user asked to go, and the session dies with its idle timeout.
    onSettled: () => leaveConsole(navigate, queryClient, { reason: 'logged_out' }),
  });
  const roles = [...new Set(me.grants.map((g) => roleLabel(t, { key: g.roleKey, name: g.roleName })))].join(t('common.listSeparator'));
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <div style={{ maxWidth: 260 }}>
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {me.username} · {roles || t('common.none')}
                  </Typography.Text>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setPasswordOpen(true) },
            {
              key: 'docs',
              icon: <ApiOutlined />,
              label: (
                <a href="/api/docs" target="_blank" rel="noreferrer">
                  {t('layout.apiDocs')}
                </a>
              ),
            },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('auth.logout')}</span>, onClick: () => signOut.mutate() },
          ],
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
          <span style={{ marginLeft: 8 }}>{me.displayName}</span>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={isPasswordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
