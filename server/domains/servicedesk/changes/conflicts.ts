/**
 * Conflict detection (变更冲突): other active changes whose windows overlap, on the same assets or on assets related
 * to them through the relations a failure spreads along (runs on, depends on, connects, powered by, located in —
 * IMPACT_KINDS, as the impact view and the monitoring upstream walk use them). The walk goes up (what our assets
 * depend on) and down (what depends on them) separately, up to three steps each, so two applications that merely
 * share a server are not related through it; a change on that server is related to both.
 */
import { sql, type SqlBool } from 'kysely';
import { ACTIVE_CHANGE_STATUSES, type AssetBrief, type ChangeConflict, type FreezePeriod } from '../../../../shared/schemas/servicedesk-itil.ts';
import { inScope, isInScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import type { Db } from '../../../platform/db.ts';
import { IMPACT_KINDS } from '../../assets/index.ts';
import { atOrAbove, inScopeOrAbove, READ } from '../itil.ts';

export const MAX_RELATION_DEPTH = 3;
const MAX_RELATED = 2000;

export interface Related {
  /** One of our assets the related asset hangs off. */
  rootId: string;
  direction: 'upstream' | 'downstream';
  depth: number;
}

/** Assets related to `assetIds` (not themselves), each with the nearest of our assets it is reached from. */
export async function relatedAssets(d: Db, assetIds: readonly string[]): Promise<Map<string, Related>> {
  const related = new Map<string, Related>();
  const own = new Set(assetIds);
  for (const direction of ['upstream', 'downstream'] as const) {
    // upstream: from → to (our asset runs on / depends on the other); downstream: to → from
    const [near, far] = direction === 'upstream' ? (['from_asset_id', 'to_asset_id'] as const) : (['to_asset_id', 'from_asset_id'] as const);
    let frontier = new Map([...own].map((id) => [id, id]));
    const seen = new Set(own);
    for (let depth = 1; depth <= MAX_RELATION_DEPTH && frontier.size > 0 && related.size < MAX_RELATED; depth++) {
      const rows = await sql<{ near: string; far: string }>`
        select ${sql.ref(near)} as near, ${sql.ref(far)} as far from asset_relations
        where ${sql.ref(near)} = any(${sql.val([...frontier.keys()])}::uuid[]) and kind in (${sql.join(IMPACT_KINDS.map((k) => sql.lit(k)))})
        order by ${sql.ref(near)}, ${sql.ref(far)}`.execute(d);
      const next = new Map<string, string>();
      for (const r of rows.rows) {
        if (seen.has(r.far)) continue;
        seen.add(r.far);
        const rootId = frontier.get(r.near)!;
        next.set(r.far, rootId);
        if (!related.has(r.far)) related.set(r.far, { rootId, direction, depth });
      }
      frontier = next;
    }
  }
  return related;
}

export interface ConflictWindow {
  start: Date;
  end: Date;
  assetIds: readonly string[];
  excludeChangeId?: string;
}

/** Active changes the actor can read that overlap the window on the same or related assets, nearest window first. */
export async function findConflicts(d: Db, actor: Actor, w: ConflictWindow): Promise<ChangeConflict[]> {
  if (w.assetIds.length === 0) return [];
  const related = await relatedAssets(d, w.assetIds);
  const own = new Set(w.assetIds);
  const candidates = [...own, ...related.keys()];
  let q = d
    .selectFrom('changes as c')
    .innerJoin('changeAssets as ca', 'ca.changeId', 'c.id')
    .innerJoin('organisations as o', 'o.id', 'c.orgId')
    .select(['c.id', 'c.number', 'c.title', 'c.class', 'c.status', 'c.orgId', 'o.name as orgName', 'c.windowStart', 'c.windowEnd', 'ca.assetId'])
    .where('c.status', 'in', [...ACTIVE_CHANGE_STATUSES])
    .where('c.windowStart', 'is not', null)
    .where(sql<SqlBool>`tstzrange(c.window_start, c.window_end) && tstzrange(${w.start}::timestamptz, ${w.end}::timestamptz)`)
    .where('ca.assetId', '=', sql<string>`any(${sql.val(candidates)}::uuid[])`)
    .where(inScope(scopeOf(actor, READ), 'c.org_id', actor));
  if (w.excludeChangeId) q = q.where('c.id', '<>', w.excludeChangeId);
  const rows = await q.orderBy('c.windowStart').orderBy('c.number').limit(2000).execute();
  if (rows.length === 0) return [];
  const briefs = await assetBriefs(d, [...new Set([...rows.map((r) => r.assetId), ...rows.flatMap((r) => (related.has(r.assetId) ? [related.get(r.assetId)!.rootId] : []))])]);
  const byChange = new Map<string, ChangeConflict>();
  for (const r of rows) {
    let c = byChange.get(r.id);
    if (!c) {
      c = {
        change: { id: r.id, number: r.number, title: r.title, class: r.class, status: r.status, orgId: r.orgId, orgName: r.orgName, windowStart: r.windowStart!.toISOString(), windowEnd: r.windowEnd!.toISOString() },
        kind: 'related_asset',
        sharedAssets: [],
        relatedAssets: [],
      };
      byChange.set(r.id, c);
    }
    if (own.has(r.assetId)) {
      c.kind = 'same_asset';
      c.sharedAssets.push(briefs(r.assetId));
    } else {
      const rel = related.get(r.assetId)!;
      c.relatedAssets.push({ asset: briefs(r.assetId), relatedTo: briefs(rel.rootId), direction: rel.direction, depth: rel.depth });
    }
  }
  return [...byChange.values()];
}

/** Code and name of assets (an asset deleted since shows its id). */
export async function assetBriefs(d: Db, ids: readonly string[]): Promise<(id: string) => AssetBrief> {
  const rows = ids.length ? await d.selectFrom('assets').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute() : [];
  const map = new Map(rows.map((r) => [r.id, r]));
  return (id) => {
    const a = map.get(id);
    return { id, code: a?.code ?? '', name: a?.name ?? '' };
  };
}

type FreezeRow = { id: string; orgId: string; orgName: string; startsAt: Date; endsAt: Date; reason: string; createdAt: Date; updatedAt: Date };
export const presentFreeze = (r: FreezeRow): FreezePeriod => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const freezeRows = (d: Db) =>
  d.selectFrom('changeFreezePeriods as f').innerJoin('organisations as o', 'o.id', 'f.orgId').select(['f.id', 'f.orgId', 'o.name as orgName', 'f.startsAt', 'f.endsAt', 'f.reason', 'f.createdAt', 'f.updatedAt']);

const overlapping = (start: Date, end: Date) => sql<SqlBool>`tstzrange(f.starts_at, f.ends_at) && tstzrange(${start}::timestamptz, ${end}::timestamptz)`;

/** Freeze periods that apply to a change of `orgId` (set there or above it) and overlap [start, end). */
export async function freezesApplying(d: Db, orgId: string, start: Date, end: Date): Promise<FreezePeriod[]> {
  const rows = await freezeRows(d).where(atOrAbove('f.org_id', orgId)).where(overlapping(start, end)).orderBy('f.startsAt').limit(100).execute();
  return rows.map(presentFreeze);
}

/**
 * Freeze periods overlapping [start, end) the actor is shown: those of `orgId` (its subtree, and above it), or without
 * an organisation every one in scope and above it.
 */
export async function freezesVisible(d: Db, actor: Actor, start: Date, end: Date, orgId?: string): Promise<FreezePeriod[]> {
  let q = freezeRows(d).where(overlapping(start, end));
  if (orgId) {
    const scope = scopeOf(actor, READ);
    const mine = actor.kind === 'system' || (await isInScope(d, scope, orgId));
    q = q.where((eb) => eb.or([inScope(scope, 'f.org_id', actor, orgId), ...(mine ? [atOrAbove('f.org_id', orgId)] : [])]));
  } else q = q.where(inScopeOrAbove(actor, READ, 'f.org_id'));
  const rows = await q.orderBy('f.startsAt').limit(500).execute();
  return rows.map(presentFreeze);
}
