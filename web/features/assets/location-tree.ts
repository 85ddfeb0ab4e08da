import type { Location, LocationKind } from '../../../shared/schemas/assets.ts';

export type LocationNode = { key: string; value: string; title: string; location: Location; children: LocationNode[] };

const KIND_ORDER: Record<LocationKind, number> = { site: 0, building: 1, floor: 2, room: 3, rack: 4 };

/** Site → building → floor → room → rack, from the flat list; locations whose parent is out of sight become roots. */
export function buildLocationTree(locations: Location[]): LocationNode[] {
  const nodes = new Map<string, LocationNode>();
  for (const l of locations) nodes.set(l.id, { key: l.id, value: l.id, title: l.name, location: l, children: [] });
  const roots: LocationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.location.parentId ? nodes.get(node.location.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: LocationNode[]) => {
    list.sort((a, b) => KIND_ORDER[a.location.kind] - KIND_ORDER[b.location.kind] || (a.location.code ?? a.title).localeCompare(b.location.code ?? b.title, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** What a location may hold: anything further down (levels may be skipped: a clinic has rooms, no buildings). */
export const CHILD_LOCATION_KINDS: Record<LocationKind | 'root', LocationKind[]> = {
  root: ['site', 'building', 'floor', 'room', 'rack'],
  site: ['building', 'floor', 'room', 'rack'],
  building: ['floor', 'room', 'rack'],
  floor: ['room', 'rack'],
  room: ['rack'],
  rack: [],
};
