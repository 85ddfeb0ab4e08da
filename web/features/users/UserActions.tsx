import { App, Button, Dropdown, type MenuProps } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { withTestId } from '../../ui/test-id.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { useDeleteUser, useResetPassword, useUserAction } from './useUsers.ts';
import type { InitialPasswordResult, UserAction } from './users.api.ts';

type Props = {
  user: User;
  onEdit: (user: User) => void;
  onGrants: (user: User) => void;
  onInitialPassword: (result: InitialPasswordResult) => void;
};

/**
 * The row menu. 系统管理员 (user.manage) edits, disables and deletes accounts; 安全管理员 (user.secure,
 * grant.manage) resets credentials, unlocks and grants roles. Destructive items ask first.
 */
export function UserActions({ user, onEdit, onGrants, onInitialPassword }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const action = useUserAction();
  const remove = useDeleteUser();
  const reset = useResetPassword();
  const isSelf = user.id === me.id;

  const run = (a: UserAction, done: string) =>
    action.mutate({ id: user.id, action: a }, { onSuccess: () => message.success(done), onError: (e) => message.error(errorMessage(e)) });
  const ask = (title: string, onOk: () => void, danger = true) =>
    modal.confirm({ title, content: t('common.nameWithUsername', { name: user.displayName, username: user.username }), okButtonProps: withTestId({ danger }, 'confirm-ok'), onOk });

  const items: NonNullable<MenuProps['items']> = [];
  if (can(me, 'user.manage')) {
    items.push({ key: 'edit', label: t('common.edit'), onClick: () => onEdit(user) });
    if (user.status === 'active') {
      items.push({ key: 'disable', label: t('users.actions.disable'), disabled: isSelf, onClick: () => ask(t('users.confirm.disable'), () => run('disable', t('users.done.disabled'))) });
    } else {
      items.push({ key: 'enable', label: t('users.actions.enable'), onClick: () => run('enable', t('users.done.enabled')) });
    }
  }
  if (can(me, 'user.secure')) {
    items.push({ type: 'divider' });
    items.push({
      key: 'reset-password',
      label: t('users.actions.resetPassword'),
      onClick: () => ask(t('users.confirm.resetPassword'), () => reset.mutate(user.id, { onSuccess: onInitialPassword, onError: (e) => message.error(errorMessage(e)) })),
    });
    if (user.isLocked) items.push({ key: 'unlock', label: t('users.actions.unlock'), onClick: () => run('unlock', t('users.done.unlocked')) });
    if (user.totpEnabled) {
      items.push({ key: 'reset-totp', label: t('users.actions.resetTotp'), onClick: () => ask(t('users.confirm.resetTotp'), () => run('reset-totp', t('users.done.totpReset'))) });
    }
  }
  if (can(me, 'grant.manage')) {
    items.push({ key: 'grants', label: t('users.actions.grants'), onClick: () => onGrants(user) });
  }
  if (can(me, 'user.manage')) {
    items.push({ type: 'divider' });
    items.push({
      key: 'delete',
      danger: true,
      disabled: isSelf,
      label: t('common.delete'),
      onClick: () =>
        ask(t('users.confirm.delete'), () =>
          remove.mutate(user.id, { onSuccess: () => message.success(t('common.deleted')), onError: (e) => message.error(errorMessage(e)) }),
        ),
    });
  }
  if (items.length === 0) return null;
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button type="text" icon={<MoreOutlined />} aria-label={t('common.actions')} data-testid={`user-actions-${user.username}`} />
    </Dropdown>
  );
}
