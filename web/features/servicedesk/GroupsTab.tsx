import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AssignmentGroupCreateInput, type AssignmentGroup } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { UserMultiSelect } from './DeskPickers.tsx';
import { useAssignmentGroupMutations, useAssignmentGroups } from './useDeskCatalog.ts';

type Values = { orgId: string; name: string; description?: string; memberIds: string[] };

/** A new group (organisation, name, description, members) or a change to one (the organisation stays). */
function GroupModal({ open, group, onClose }: { open: boolean; group: AssignmentGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create, update } = useAssignmentGroupMutations();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(group ? { orgId: group.orgId, name: group.name, description: group.description, memberIds: group.members.map((m) => m.userId) } : { orgId: scope.orgId ?? me.orgId, name: '', description: '', memberIds: [] });
  }, [open, group, form, scope.orgId, me.orgId]);
  const done = {
    onSuccess: () => {
      void message.success(t(group ? 'common.saved' : 'common.created'));
      onClose();
    },
    onError: (e: Error) => void message.error(errorMessage(e)),
  };
  const submit = (v: Values) => {
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', memberIds: v.memberIds ?? [] };
    if (group) update.mutate({ id: group.id, input: body }, done);
    else create.mutate({ orgId: v.orgId, ...body }, done);
  };
  return (
    <Modal open={open} title={group ? t('servicedesk.groups.edit') : t('servicedesk.groups.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'group-save')} forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="group-form">
        {group ? (
          <Form.Item label={t('servicedesk.common.org')}>
            <Input value={group.orgName} disabled />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('servicedesk.common.org')} rules={[requiredRule()]}>
            <OrgTreeSelect data-testid="group-org" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('servicedesk.groups.name')} rules={[requiredRule(), zodRule(AssignmentGroupCreateInput.shape.name)]}>
          <Input maxLength={60} data-testid="group-name" />
        </Form.Item>
        <Form.Item name="description" label={t('servicedesk.common.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="group-description" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('servicedesk.groups.members')} extra={t('servicedesk.groups.membersHint')}>
          <UserMultiSelect known={group?.members} data-testid="group-members" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 处理组: the assignment groups in scope with their members; add, edit, delete (when no open ticket waits on one). */
export function GroupsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const groups = useAssignmentGroups(scope.orgId);
  const { remove } = useAssignmentGroupMutations();
  const [editing, setEditing] = useState<AssignmentGroup | null>(null);
  const [isCreating, setCreating] = useState(false);
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('servicedesk.groups.hint')}</Typography.Text>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="group-create">
            {t('servicedesk.groups.create')}
          </Button>
        )}
      </Flex>
      {groups.isError && <ErrorState title={t('servicedesk.groups.title')} message={errorMessage(groups.error)} retryLabel={t('common.retry')} onRetry={() => void groups.refetch()} />}
      <Table<AssignmentGroup>
        rowKey="id"
        loading={groups.isPending && groups.isFetching}
        dataSource={groups.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: groups.isError ? ' ' : <EmptyState description={t('servicedesk.groups.empty')} /> }}
        columns={[
          { title: t('servicedesk.groups.name'), width: 180, render: (_, g) => <Typography.Text strong data-testid="group-row-name">{g.name}</Typography.Text> },
          { title: t('servicedesk.common.org'), width: 160, render: (_, g) => g.orgName },
          { title: t('servicedesk.common.description'), render: (_, g) => g.description || '—' },
          {
            title: t('servicedesk.groups.members'),
            render: (_, g) =>
              g.members.length ? (
                <Space size={[4, 4]} wrap>
                  {g.members.map((m) => (
                    <Tag key={m.userId} style={{ marginInlineEnd: 0 }}>{m.displayName}</Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('servicedesk.groups.noMembers')}</Typography.Text>
              ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 150,
                  render: (_: unknown, g: AssignmentGroup) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setEditing(g)} data-testid="group-edit">{t('common.edit')}</Button>
                      <ConfirmButton
                        size="small"
                        danger
                        confirm={t('servicedesk.groups.confirmDelete', { name: g.name })}
                        description={t('servicedesk.groups.deleteHint')}
                        onConfirm={() => remove.mutate(g.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                        data-testid="group-delete"
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
        data-testid="group-table"
      />
      <GroupModal open={isCreating || editing !== null} group={editing} onClose={() => { setCreating(false); setEditing(null); }} />
    </Flex>
  );
}
