import { useEffect, useMemo, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Space, Tag, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TicketCategoryCreateInput, type TicketCategory } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { categoryTree, type CategoryNode } from './desk-format.ts';
import { useTicketCategories, useTicketCategoryMutations } from './useDeskCatalog.ts';

/** What the category modal edits: a new root, a new child of `parent`, or a new name for `category`. */
type Editing = { mode: 'create'; parent: TicketCategory | null } | { mode: 'rename'; category: TicketCategory } | null;

/** Depth limit of the tree (ticket_category.too_deep beyond it). */
const MAX_DEPTH = 5;

function CategoryModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<{ orgId: string; name: string }>();
  const { create, update } = useTicketCategoryMutations();
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'rename') form.setFieldsValue({ orgId: editing.category.orgId, name: editing.category.name });
    else form.setFieldsValue({ orgId: editing.parent?.orgId ?? scope.orgId ?? me.orgId, name: '' });
  }, [editing, form, scope.orgId, me.orgId]);
  const done = (text: string) => ({
    onSuccess: () => {
      void message.success(text);
      onClose();
    },
    onError: (e: Error) => void message.error(errorMessage(e)),
  });
  const submit = (v: { orgId: string; name: string }) => {
    if (!editing) return;
    if (editing.mode === 'rename') update.mutate({ id: editing.category.id, input: { name: v.name.trim() } }, done(t('common.saved')));
    else create.mutate({ orgId: v.orgId, parentId: editing.parent?.id ?? null, name: v.name.trim() }, done(t('common.created')));
  };
  const title = !editing ? '' : editing.mode === 'rename' ? t('servicedesk.categories.rename') : editing.parent ? t('servicedesk.categories.addChildOf', { name: editing.parent.path }) : t('servicedesk.categories.addRoot');
  return (
    <Modal open={editing !== null} title={title} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'category-save')} forceRender>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="category-form">
        <Form.Item name="orgId" label={t('servicedesk.common.org')} rules={[requiredRule()]} hidden={editing?.mode !== 'create' || Boolean(editing.parent)}>
          <OrgTreeSelect data-testid="category-org" />
        </Form.Item>
        <Form.Item name="name" label={t('servicedesk.categories.name')} rules={[requiredRule(), zodRule(TicketCategoryCreateInput.shape.name)]}>
          <Input maxLength={60} data-testid="category-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 工单分类: the category tree of the organisations in scope; add, rename, deactivate, delete (when unused). */
export function CategoriesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const categories = useTicketCategories(scope.orgId, { includeInactive: true });
  const { update, remove } = useTicketCategoryMutations();
  const [editing, setEditing] = useState<Editing>(null);
  const roots = useMemo(() => categoryTree(categories.data?.items ?? []), [categories.data]);

  const act = (run: () => Promise<unknown>, text: string) =>
    void run().then(
      () => void message.success(text),
      (e: unknown) => void message.error(errorMessage(e)),
    );
  const title = (c: TicketCategory) => (
    <Flex gap={8} align="center" wrap data-testid="category-node" data-name={c.name}>
      <Typography.Text delete={!c.isActive} type={c.isActive ? undefined : 'secondary'}>{c.name}</Typography.Text>
      {!c.isActive && <Tag style={{ marginInlineEnd: 0 }}>{t('common.inactive')}</Tag>}
      {canManage && (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          {c.depth < MAX_DEPTH - 1 && c.isActive && (
            <Button size="small" type="link" onClick={() => setEditing({ mode: 'create', parent: c })} data-testid="category-add-child">
              {t('servicedesk.categories.addChild')}
            </Button>
          )}
          <Button size="small" type="link" onClick={() => setEditing({ mode: 'rename', category: c })} data-testid="category-rename">
            {t('servicedesk.categories.rename')}
          </Button>
          {c.isActive ? (
            <ConfirmButton size="small" type="link" confirm={t('servicedesk.categories.confirmDeactivate', { name: c.path })} onConfirm={() => act(() => update.mutateAsync({ id: c.id, input: { isActive: false } }), t('common.saved'))} data-testid="category-deactivate">
              {t('servicedesk.categories.deactivate')}
            </ConfirmButton>
          ) : (
            <Button size="small" type="link" onClick={() => act(() => update.mutateAsync({ id: c.id, input: { isActive: true } }), t('common.saved'))} data-testid="category-activate">
              {t('servicedesk.categories.activate')}
            </Button>
          )}
          <ConfirmButton size="small" type="link" danger confirm={t('servicedesk.categories.confirmDelete', { name: c.path })} description={t('servicedesk.categories.deleteHint')} onConfirm={() => act(() => remove.mutateAsync(c.id), t('common.deleted'))} data-testid="category-delete">
            {t('common.delete')}
          </ConfirmButton>
        </Space>
      )}
    </Flex>
  );
  type Node = { key: string; title: React.ReactNode; children: Node[] };
  const toNodes = (nodes: CategoryNode<TicketCategory>[]): Node[] => nodes.map((n) => ({ key: n.item.id, title: title(n.item), children: toNodes(n.children) }));

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('servicedesk.categories.hint')}</Typography.Text>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parent: null })} data-testid="category-add-root">
            {t('servicedesk.categories.addRoot')}
          </Button>
        )}
      </Flex>
      {categories.isError && <ErrorState title={t('servicedesk.categories.title')} message={errorMessage(categories.error)} retryLabel={t('common.retry')} onRetry={() => void categories.refetch()} />}
      {categories.isPending ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : roots.length === 0 ? (
        !categories.isError && <EmptyState description={t('servicedesk.categories.empty')} />
      ) : (
        <Tree blockNode selectable={false} defaultExpandAll treeData={toNodes(roots)} data-testid="category-tree" />
      )}
      <CategoryModal editing={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}
