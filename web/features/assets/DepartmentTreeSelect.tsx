import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildOrgTree, subtreeIds, type OrgTreeNode } from '../organisations/org-tree.ts';
import { useOrganisations } from '../organisations/useOrganisations.ts';

type Props = { orgId?: string; value?: string | null; onChange?: (value: string | null) => void; id?: string; placeholder?: string };
type Item = { key: string; value: string; title: string; disabled: boolean; children: Item[] };

/** 使用科室: the departments under the asset's organisation; hospitals and regions show as headings only. */
export function DepartmentTreeSelect({ orgId, value, onChange, id, placeholder }: Props) {
  const { t } = useTranslation();
  const orgs = useOrganisations();
  const treeData = useMemo(() => {
    const all = orgs.data ?? [];
    const inScope = orgId ? subtreeIds(all, orgId) : new Set(all.map((o) => o.id));
    const toItems = (nodes: OrgTreeNode[]): Item[] =>
      nodes.map((n) => ({ key: n.key, value: n.value, title: n.title, disabled: n.org.kind !== 'department', children: toItems(n.children) }));
    return toItems(buildOrgTree(all.filter((o) => inScope.has(o.id)), t('organisations.inactiveSuffix')));
  }, [orgs.data, orgId, t]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      allowClear
      loading={orgs.isPending}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}
