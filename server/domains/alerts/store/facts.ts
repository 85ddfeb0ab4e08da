import type { Db } from '../../../platform/db.ts';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';

// What the alert store needs to know about the things an alert concerns, loaded for a whole batch at once: the storm of
// a dead core switch is ten thousand signals, and one query per signal per table would be the bottleneck.

export interface OrgFacts {
  id: string;
  code: string;
  name: string;
  /** the organisation first, then its ancestors up to the root */
  path: string[];
}

export interface AssetFacts {
  id: string;
  name: string;
  code: string;
  kindKey: string;
  importance: 'core' | 'important' | 'normal';
}

export interface ProbeFacts {
  id: string;
  name: string;
  kind: string;
}

export interface FactBook {
  orgs: Map<string, OrgFacts>;
  assets: Map<string, AssetFacts>;
  probes: Map<string, ProbeFacts>;
}

export async function loadFacts(db: Db, ids: { orgIds: Iterable<string>; assetIds: Iterable<string>; probeIds: Iterable<string> }): Promise<FactBook> {
  const orgIds = [...new Set(ids.orgIds)];
  const assetIds = [...new Set(ids.assetIds)];
  const probeIds = [...new Set(ids.probeIds)];
  const [orgs, assets, probes] = await Promise.all([
    orgIds.length ? db.selectFrom('organisations').select(['id', 'code', 'name', 'ancestorIds']).where('id', 'in', orgIds).execute() : [],
    assetIds.length
      ? db
          .selectFrom('assets as a')
          .innerJoin('assetKinds as k', 'k.id', 'a.kindId')
          .select(['a.id', 'a.name', 'a.code', 'a.importance', 'k.key as kindKey'])
          .where('a.id', 'in', assetIds)
          .execute()
      : [],
    probeIds.length ? db.selectFrom('probes').select(['id', 'name', 'kind']).where('id', 'in', probeIds).execute() : [],
  ]);
  return {
    // ancestor_ids runs root → self; routing wants self → root
    orgs: new Map(orgs.map((o) => [o.id, { id: o.id, code: o.code, name: o.name, path: [...o.ancestorIds].reverse() }])),
    assets: new Map(assets.map((a) => [a.id, { id: a.id, name: a.name, code: a.code, kindKey: a.kindKey, importance: a.importance as AssetFacts['importance'] }])),
    probes: new Map(probes.map((p) => [p.id, p])),
  };
}

/**
 * The labels every alert carries besides its own, so silences and routes can match on them: severity, source, org
 * (code), asset (name), asset_code, asset_kind, importance, probe (name), probe_kind. Own labels win on a clash
 * except severity and source, which are facts of the alert.
 */
export function builtInLabels(
  facts: FactBook,
  a: { orgId: string; assetId: string | null; probeId: string | null; severity: AlertSeverity; source: string },
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const org = facts.orgs.get(a.orgId);
  const asset = a.assetId ? facts.assets.get(a.assetId) : undefined;
  const probe = a.probeId ? facts.probes.get(a.probeId) : undefined;
  const base: Record<string, string> = {};
  if (org) base.org = org.code;
  if (asset) Object.assign(base, { asset: asset.name, asset_code: asset.code, asset_kind: asset.kindKey, importance: asset.importance });
  if (probe) Object.assign(base, { probe: probe.name, probe_kind: probe.kind });
  return { ...base, ...own, severity: a.severity, source: a.source };
}

/** A probe problem's level from the importance of what it watches: core 一级, important 二级, other 三级; degraded is one level lower. */
export function probeSeverity(importance: AssetFacts['importance'] | undefined, isDegraded: boolean): AlertSeverity {
  const base = importance === 'core' ? 1 : importance === 'important' ? 2 : 3;
  return `P${Math.min(4, base + (isDegraded ? 1 : 0))}` as AlertSeverity;
}
