import { useMemo, useState } from 'react';
import { Input, Tree } from 'antd';
import { ApartmentOutlined, BankOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationKind } from '../../../shared/schemas/organisations.ts';
import { buildOrgTree, type OrgTreeNode } from './org-tree.ts';

const ICONS: Record<OrganisationKind, React.ReactNode> = {
  region: <BankOutlined />,
  institution: <MedicineBoxOutlined />,
  department: <ApartmentOutlined />,
};

type TreeItem = { key: string; title: string; icon: React.ReactNode; children: TreeItem[] };
type Props = { orgs: Organisation[]; selectedId: string | undefined; onSelect: (id: string) => void };

/** The organisation tree with a name/code filter that keeps the ancestors of every match. */
export function OrganisationTree({ orgs, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const treeData = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const keep = (nodes: OrgTreeNode[]): OrgTreeNode[] =>
      nodes.flatMap((n) => {
        const children = keep(n.children);
        const isMatch = !q || n.org.name.toLowerCase().includes(q) || n.org.code.toLowerCase().includes(q);
        return isMatch || children.length > 0 ? [{ ...n, children }] : [];
      });
    const decorate = (nodes: OrgTreeNode[]): TreeItem[] =>
      nodes.map((n) => ({ key: n.key, title: n.title, icon: ICONS[n.org.kind], children: decorate(n.children) }));
    return decorate(keep(buildOrgTree(orgs, t('organisations.inactiveSuffix'))));
  }, [orgs, filter, t]);
  return (
    <>
      <Input.Search allowClear placeholder={t('organisations.filter')} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
      <Tree
        showIcon
        blockNode
        defaultExpandAll
        key={filter /* re-expand after filtering */}
        treeData={treeData}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => {
          const [first] = keys;
          if (first !== undefined) onSelect(String(first));
        }}
        data-testid="org-tree"
      />
    </>
  );
}
