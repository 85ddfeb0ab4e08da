import { App, Button, Drawer, Flex, Form, Select, Skeleton, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grant, User } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { requiredRule } from '../../app/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { roleLabel } from '../roles/role-label.ts';
import { useRoles } from '../roles/useRoles.ts';
import { useGrantMutations, useGrants } from './useUsers.ts';

type Props = { user: User | null; onClose: () => void };

/** 授权: which role a user holds at which organisation (and, by inheritance, below it). */
export function GrantsDrawer({ user, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={user !== null} onClose={onClose} size={560} title={user ? t('common.nameWithUsername', { name: user.displayName, username: user.username }) : ''} destroyOnHidden>
      {user && <GrantsEditor user={user} />}
    </Drawer>
  );
}

function GrantsEditor({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const [form] = Form.useForm<{ roleId: string; orgId: string }>();
  const grants = useGrants(user.id);
  const roles = useRoles();
  const { add, remove } = useGrantMutations(user.id);
  const onError = (e: unknown) => message.error(errorMessage(e));

  return (
    <Flex vertical gap={16}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ orgId: scope.orgId ?? user.orgId }}
        onFinish={(v) => add.mutate(v, { onSuccess: () => { message.success(t('users.grants.added')); form.resetFields(['roleId']); }, onError })}
      >
        <Form.Item name="roleId" rules={[requiredRule()]} style={{ minWidth: 180 }}>
          <Select
            placeholder={t('users.grants.role')}
            loading={roles.isPending}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleLabel(t, r) }))}
            data-testid="grant-role"
          />
        </Form.Item>
        <Form.Item name="orgId" rules={[requiredRule()]}>
          <OrgTreeSelect style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="grant-add">
          {t('users.grants.add')}
        </Button>
      </Form>
      {grants.isPending ? (
        <Skeleton active />
      ) : (
        <Table<Grant>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={grants.data ?? []}
          locale={{ emptyText: <EmptyState description={t('users.grants.empty')} /> }}
          columns={[
            { title: t('users.grants.role'), render: (_, g) => roleLabel(t, { key: g.roleKey, name: g.roleName }) },
            { title: t('users.grants.org'), dataIndex: 'orgName' },
            {
              title: t('common.actions'),
              width: 90,
              render: (_, g) => (
                <ConfirmButton size="small" type="link" danger confirm={t('users.grants.confirmRemove')} onConfirm={() => remove.mutate(g.id, { onError })}>
                  {t('users.grants.remove')}
                </ConfirmButton>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
