import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Select, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { roleLabel } from '../roles/role-label.ts';
import { GrantsDrawer } from './GrantsDrawer.tsx';
import { InitialPasswordModal } from './InitialPasswordModal.tsx';
import { UserActions } from './UserActions.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UserStatusTags } from './UserStatusTags.tsx';
import { useUsers } from './useUsers.ts';
import type { InitialPasswordResult } from './users.api.ts';

/** 用户: server-side paged list filtered by text, organisation (with its subtree) and status. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  // undefined = follow the header's scope; null = the user cleared the filter on purpose
  const [orgOverride, setOrgOverride] = useState<string | null | undefined>(undefined);
  const [isSubtree, setSubtree] = useState(true);
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>(undefined);
  const [editing, setEditing] = useState<User | null | 'new'>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [secret, setSecret] = useState<InitialPasswordResult | null>(null);
  const orgId = orgOverride === undefined ? scope.orgId : (orgOverride ?? undefined);
  const users = useUsers({ ...page, q: q || undefined, orgId, status, subtree: isSubtree ? 'true' : 'false' });
  const resetPage = () => setPage((p) => ({ ...p, page: 1 }));

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          can(me, 'user.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('users.search')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); resetPage(); }} data-testid="user-search" />
          <OrgTreeSelect value={orgId ?? null} allowClear placeholder={t('users.allOrgs')} onChange={(v) => { setOrgOverride(typeof v === 'string' ? v : null); resetPage(); }} style={{ width: 240 }} />
          <Checkbox checked={isSubtree} onChange={(e) => { setSubtree(e.target.checked); resetPage(); }} style={{ alignSelf: 'center' }}>
            {t('users.subtree')}
          </Checkbox>
          <Select
            allowClear
            placeholder={t('users.fields.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v: 'active' | 'disabled' | undefined) => { setStatus(v); resetPage(); }}
            options={[
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
          />
        </Flex>
        {users.isError && <ErrorState title={t('users.title')} message={errorMessage(users.error)} retryLabel={t('common.retry')} onRetry={() => void users.refetch()} />}
        <Table<User>
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyState description={t('users.empty')} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            { title: t('users.fields.username'), dataIndex: 'username', render: (v: string, u) => <span data-testid={`user-row-${u.username}`}>{v}</span> },
            {
              title: t('users.fields.displayName'),
              render: (_, u) => (
                <>
                  {u.displayName} {u.adminClass && <Tag color="blue">{t(`adminClass.${u.adminClass}`)}</Tag>}
                </>
              ),
            },
            { title: t('users.fields.org'), dataIndex: 'orgName' },
            { title: t('users.fields.roles'), render: (_, u) => u.roles.map((r) => <Tag key={`${r.key}-${r.orgId}`}>{roleLabel(t, r)}</Tag>) },
            { title: t('users.fields.status'), render: (_, u) => <UserStatusTags user={u} /> },
            {
              title: t('users.fields.totp'),
              width: 80,
              render: (_, u) => (u.totpEnabled ? <Tooltip title={t('common.enabled')}><SafetyOutlined style={{ color: '#52c41a' }} /></Tooltip> : '—'),
            },
            { title: t('users.fields.lastLoginAt'), width: 170, render: (_, u) => formatDateTime(u.lastLoginAt) },
            {
              title: t('common.actions'),
              width: 90,
              fixed: 'right',
              render: (_, u) => <UserActions user={u} onEdit={setEditing} onGrants={setGranting} onInitialPassword={setSecret} />,
            },
          ]}
        />
      </Card>
      <UserFormModal open={editing !== null} user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onCreated={setSecret} />
      <GrantsDrawer user={granting} onClose={() => setGranting(null)} />
      <InitialPasswordModal result={secret} onClose={() => setSecret(null)} />
    </>
  );
}
