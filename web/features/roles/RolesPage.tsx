import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PermissionGroups } from './PermissionGroups.tsx';
import { RoleFormModal } from './RoleFormModal.tsx';
import { roleLabel } from './role-label.ts';
import { useRoleMutations, useRoles } from './useRoles.ts';

/** 角色与授权: the built-in 三权分立 roles (read-only) and custom business roles. */
export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const roles = useRoles();
  const { remove } = useRoleMutations();
  const [editing, setEditing] = useState<Role | null | 'new'>(null);
  const canManage = can(me, 'role.manage');

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('roles.create')}</Button>}
      />
      {roles.isError && <ErrorState title={t('roles.title')} message={errorMessage(roles.error)} retryLabel={t('common.retry')} onRetry={() => void roles.refetch()} />}
      <Card>
        <Table<Role>
          rowKey="id"
          loading={roles.isPending}
          dataSource={roles.data ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('roles.empty')} /> }}
          columns={[
            {
              title: t('roles.fields.name'),
              width: 220,
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{roleLabel(t, r)}</Typography.Text>
                  <Typography.Text type="secondary" code>{r.key}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('roles.fields.type'),
              width: 130,
              render: (_, r) => (
                <Space orientation="vertical" size={4}>
                  {r.isBuiltin ? <Tag color="gold">{t('roles.builtinTag')}</Tag> : <Tag>{t('roles.customTag')}</Tag>}
                  {r.adminClass && <Tag color="blue">{t(`adminClass.${r.adminClass}`)}</Tag>}
                </Space>
              ),
            },
            { title: t('roles.fields.permissions'), render: (_, r) => <PermissionGroups permissions={r.permissions} /> },
            {
              title: t('common.actions'),
              width: 150,
              render: (_, r) =>
                r.isBuiltin || !canManage ? (
                  <Typography.Text type="secondary">{r.isBuiltin ? t('roles.readOnly') : '—'}</Typography.Text>
                ) : (
                  <Space>
                    <Button size="small" type="link" onClick={() => setEditing(r)}>{t('common.edit')}</Button>
                    <ConfirmButton
                      size="small"
                      type="link"
                      danger
                      confirm={t('roles.confirmDelete', { name: roleLabel(t, r) })}
                      onConfirm={() => remove.mutate(r.id, { onSuccess: () => message.success(t('common.deleted')), onError: (e) => message.error(errorMessage(e)) })}
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <RoleFormModal open={editing !== null} role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
