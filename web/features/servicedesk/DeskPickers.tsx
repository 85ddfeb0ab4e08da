import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAssets } from '../assets/assets.api.ts';
import { useUserDirectory } from '../alerts/useUserDirectory.ts';
import { categoryTree, type CategoryNode } from './desk-format.ts';
import { useAssignmentGroups, useTicketCategories } from './useDeskCatalog.ts';
import type { TicketCategory } from '../../../shared/schemas/servicedesk.ts';

// Pickers of the desk's forms, all working as controlled antd Form fields. An id a list does not know is still
// shown, as itself or under the name the caller knows.

type Common = { id?: string; placeholder?: string; style?: React.CSSProperties; disabled?: boolean; 'data-testid'?: string };
type Single = Common & { value?: string | null; onChange?: (value: string | null) => void };
type Multi = Common & { value?: string[]; onChange?: (value: string[]) => void };

/** Several assets found by name, code or IP (server-side search, 300 ms after typing); `known` names ones already chosen. */
export function AssetMultiPick({ value, onChange, placeholder, style, id, disabled, orgId, known = [], ...rest }: Multi & { orgId?: string; known?: ReadonlyArray<{ id: string; code: string; name: string }> }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const assets = useQuery({ queryKey: ['assets', 'pick', 'servicedesk', orgId ?? null, q], queryFn: () => listAssets({ page: 1, pageSize: 20, q: q || undefined, orgId }) });
  // names of chosen assets stay visible after the search moves on
  const [seen, setSeen] = useState<Map<string, { code: string; name: string }>>(() => new Map(known.map((a) => [a.id, a])));
  useEffect(() => {
    const items = assets.data?.items;
    if (!items?.length) return;
    setSeen((prev) => {
      const next = new Map(prev);
      for (const a of items) next.set(a.id, { code: a.code, name: a.name });
      return next;
    });
  }, [assets.data]);
  const label = (a: { code: string; name: string }) => (
    <Space size={6}>
      <Typography.Text code>{a.code}</Typography.Text>
      {a.name}
    </Space>
  );
  const options = (assets.data?.items ?? []).map((a) => ({ value: a.id, label: label(a) }));
  for (const v of value ?? []) {
    if (!options.some((o) => o.value === v)) {
      const a = seen.get(v);
      options.unshift({ value: v, label: a ? label(a) : <>{v}</> });
    }
  }
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      disabled={disabled}
      loading={assets.isFetching}
      options={options}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={placeholder ?? t('servicedesk.common.pickAssets')}
      style={style}
      notFoundContent={assets.isError ? t('errors.unknown') : undefined}
    />
  );
}

type TreeNode = { value: string; title: string; disabled?: boolean; children: TreeNode[] };
const toTreeData = (nodes: CategoryNode<TicketCategory>[], inactive: string): TreeNode[] =>
  nodes.map((n) => ({ value: n.item.id, title: n.item.isActive ? n.item.name : `${n.item.name}${inactive}`, disabled: !n.item.isActive, children: toTreeData(n.children, inactive) }));

/** A ticket category from the tree of the organisation (active ones selectable). */
export function CategoryTreeSelect({ value, onChange, placeholder, style, id, disabled, orgId, ...rest }: Single & { orgId?: string }) {
  const { t } = useTranslation();
  const categories = useTicketCategories(orgId);
  const treeData = useMemo(() => toTreeData(categoryTree(categories.data?.items ?? []), t('servicedesk.common.inactiveSuffix')), [categories.data, t]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      allowClear
      disabled={disabled}
      loading={categories.isPending}
      placeholder={placeholder ?? t('servicedesk.common.pickCategory')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}

/** An assignment group in scope, labelled with its organisation. */
export function GroupSelect({ value, onChange, placeholder, style, id, disabled, ...rest }: Single) {
  const { t } = useTranslation();
  const groups = useAssignmentGroups();
  const options = (groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.orgName}` }));
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      loading={groups.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('servicedesk.common.pickGroup')}
      style={style}
    />
  );
}

/**
 * One person to assign: the group's members when a group is chosen, else the user directory (user.read). Without
 * either list it stays empty and the ticket is left to the group.
 */
export function AssigneeSelect({ value, onChange, placeholder, style, id, disabled, groupId, current, ...rest }: Single & { groupId?: string | null; current?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const groups = useAssignmentGroups(undefined, Boolean(groupId));
  const { users, isLoading } = useUserDirectory();
  const group = groupId ? groups.data?.items.find((g) => g.id === groupId) : undefined;
  const options = group
    ? group.members.map((m) => ({ value: m.userId, label: m.displayName }))
    : users.map((u) => ({ value: u.id, label: t('common.nameWithUsername', { name: u.displayName, username: u.username }) }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: current?.id === value ? current.name : value });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading || (Boolean(groupId) && groups.isPending)}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('servicedesk.common.pickAssignee')}
      style={style}
    />
  );
}

/** Several users from the directory (group members). */
export function UserMultiSelect({ value, onChange, placeholder, style, id, disabled, known = [], ...rest }: Multi & { known?: ReadonlyArray<{ userId: string; displayName: string }> }) {
  const { t } = useTranslation();
  const { users, isLoading } = useUserDirectory();
  const options = users.map((u) => ({ value: u.id, label: t('common.nameWithUsername', { name: u.displayName, username: u.username }) }));
  for (const v of value ?? []) {
    if (!options.some((o) => o.value === v)) options.push({ value: v, label: known.find((k) => k.userId === v)?.displayName ?? v });
  }
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode="multiple"
      allowClear
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading}
      options={options}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={placeholder ?? t('servicedesk.common.pickMembers')}
      style={style}
    />
  );
}
