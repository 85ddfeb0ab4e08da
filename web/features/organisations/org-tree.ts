import type { Organisation } from '../../../shared/schemas/organisations.ts';

export type OrgTreeNode = {
  key: string;
  value: string;
  title: string;
  org: Organisation;
  children: OrgTreeNode[];
};

/**
 * Builds the region → institution → department tree from the flat list. Organisations whose parent is outside
 * the user's scope become roots, so a county admin sees their county at the top.
 */
export function buildOrgTree(orgs: Organisation[], suffixInactive = ''): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const org of orgs) {
    const title = org.isActive ? org.name : `${org.name}${suffixInactive}`;
    nodes.set(org.id, { key: org.id, value: org.id, title, org, children: [] });
  }
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.org.code.localeCompare(b.org.code));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** The ids of an organisation and everything below it. */
export function subtreeIds(orgs: Organisation[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const org of orgs) {
      if (org.parentId && ids.has(org.parentId) && !ids.has(org.id)) {
        ids.add(org.id);
        grew = true;
      }
    }
  }
  return ids;
}
