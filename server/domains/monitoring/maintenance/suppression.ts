import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { timingOf } from './maintenance-windows.service.ts';
import { isInMaintenance, mergeIntervals, occurrences, type Interval } from './occurrences.ts';

/** What the engine knows of a probe. */
export interface ProbeRef {
  id: string;
  orgId: string;
  assetId: string | null;
}

const uuids = (ids: Iterable<string>) => sql`${sql.val([...new Set(ids)])}::uuid[]`;

/**
 * The maintenance intervals of each probe inside [from, to), merged across windows: for availability and
 * reports. Two queries whatever the number of probes. A window of an asset or an organisation reaches only
 * probes inside that organisation's subtree, so one tenant's window never silences another tenant's probe.
 */
export async function windowsForProbes(db: Db, probes: readonly ProbeRef[], from: Date, to: Date): Promise<Map<string, Interval[]>> {
  const result = new Map<string, Interval[]>(probes.map((p) => [p.id, []]));
  if (probes.length === 0 || to <= from) return result;
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'ancestorIds'])
    .where(sql<SqlBool>`id = any(${uuids(probes.map((p) => p.orgId))})`)
    .execute();
  const ancestorsOf = new Map(orgs.map((o) => [o.id, new Set(o.ancestorIds)]));
  const windows = await db
    .selectFrom('maintenanceWindows')
    .select(['id', 'scope', 'orgId', 'probeId', 'assetId', 'startsAt', 'endsAt', 'recurrence', 'cancelledAt'])
    .where('startsAt', '<', to)
    .where('endsAt', '>', from)
    .where((eb) => eb.or([eb('cancelledAt', 'is', null), eb('cancelledAt', '>', from)]))
    .where((eb) =>
      eb.or([
        sql<SqlBool>`probe_id = any(${uuids(probes.map((p) => p.id))})`,
        sql<SqlBool>`asset_id = any(${uuids(probes.flatMap((p) => (p.assetId ? [p.assetId] : [])))})`,
        eb.and([eb('scope', '=', 'organisation'), sql<SqlBool>`org_id = any(${uuids(orgs.flatMap((o) => o.ancestorIds))})`]),
      ]),
    )
    .execute();
  // Each window's occurrences once, however many probes it covers.
  const intervals = new Map(windows.map((w) => [w.id, occurrences(timingOf(w), from, to)]));
  for (const p of probes) {
    const ancestors = ancestorsOf.get(p.orgId);
    const applying = windows.filter((w) =>
      w.scope === 'probe' ? w.probeId === p.id : (w.scope === 'organisation' || (p.assetId !== null && w.assetId === p.assetId)) && ancestors?.has(w.orgId) === true,
    );
    if (applying.length > 0) result.set(p.id, mergeIntervals(applying.flatMap((w) => intervals.get(w.id) ?? [])));
  }
  return result;
}

/**
 * Ids of the live probes in maintenance at `at`: cheap enough for the scheduler to call every ~30 s (one
 * small query over current windows, a second only when one of them is in an occurrence now).
 */
export async function activeProbeIds(db: Db, at: Date): Promise<Set<string>> {
  const current = await db
    .selectFrom('maintenanceWindows')
    .select(['id', 'startsAt', 'endsAt', 'recurrence', 'cancelledAt'])
    .where('startsAt', '<=', at)
    .where('endsAt', '>', at)
    .where((eb) => eb.or([eb('cancelledAt', 'is', null), eb('cancelledAt', '>', at)]))
    .execute();
  const active = current.filter((w) => isInMaintenance([timingOf(w)], at)).map((w) => w.id);
  if (active.length === 0) return new Set();
  const rows = await sql<{ id: string }>`
    select distinct p.id
    from maintenance_windows w
    join probes p on p.deleted_at is null
      and (
        (w.scope = 'probe' and p.id = w.probe_id)
        or (w.scope = 'asset' and p.asset_id = w.asset_id)
        or w.scope = 'organisation'
      )
    join organisations o on o.id = p.org_id and (w.scope = 'probe' or o.ancestor_ids @> array[w.org_id])
    where w.id = any(${uuids(active)})
  `.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}
