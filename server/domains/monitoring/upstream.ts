import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { IMPACT_KINDS } from '../assets/index.ts';

/** How far the walk goes: a service → VM → host → switch → core switch chain fits. */
const MAX_DEPTH = 5;

/**
 * The upstream probes of each probe: probes on the assets its asset runs on, depends on, is connected or powered
 * through (the asset relations the impact view follows), up to five steps. A failing upstream probe turns a
 * failure into 'unreachable'. Probes without an asset, or without upstream probes, are absent from the map.
 */
export async function upstreamProbeIds(db: Db, probeIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (probeIds.length === 0) return map;
  const kinds = sql.join(IMPACT_KINDS.map((k) => sql.lit(k)));
  const rows = await sql<{ probeId: string; upstreamProbeId: string }>`
    with recursive up(probe_id, asset_id, depth) as (
      select p.id, p.asset_id, 0 from probes p where p.id = any(${sql.val(probeIds)}::uuid[]) and p.asset_id is not null
      union
      select u.probe_id, r.to_asset_id, u.depth + 1
      from up u join asset_relations r on r.from_asset_id = u.asset_id and r.kind in (${kinds})
      where u.depth < ${MAX_DEPTH}
    )
    select distinct u.probe_id as "probeId", q.id as "upstreamProbeId"
    from up u join probes q on q.asset_id = u.asset_id and q.deleted_at is null and q.id <> u.probe_id
    where u.depth > 0`.execute(db);
  for (const r of rows.rows) map.set(r.probeId, [...(map.get(r.probeId) ?? []), r.upstreamProbeId]);
  return map;
}
