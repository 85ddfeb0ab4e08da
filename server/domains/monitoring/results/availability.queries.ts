import type { Db } from '../../../platform/db.ts';
import { assetAvailabilityOf, probeAvailability, type Availability, type AssetAvailability, type OutageRecord, type TimeInterval } from './availability.ts';
import { SHANGHAI_OFFSET_MS } from './grains.ts';

// Callers (services) check that the actor may see these probes and assets; these reads take ids only.

/** Outage states that count against availability; 'maintenance' and 'paused' are not outages. */
export const OUTAGE_STATES = ['down', 'unreachable'] as const;

/** Outages of the given probes that overlap [from, to), by probe id (every requested id present). */
export async function loadOutages(db: Db, probeIds: readonly string[], from: Date, to: Date): Promise<Map<string, OutageRecord[]>> {
  const byProbe = new Map<string, OutageRecord[]>(probeIds.map((id) => [id, []]));
  if (probeIds.length === 0) return byProbe;
  const rows = await db
    .selectFrom('probeOutages')
    .select(['probeId', 'state', 'startedAt', 'endedAt', 'cause'])
    .where('probeId', 'in', probeIds)
    .where('state', 'in', OUTAGE_STATES)
    .where('startedAt', '<', to)
    .where((eb) => eb.or([eb('endedAt', 'is', null), eb('endedAt', '>', from)]))
    .orderBy('startedAt')
    .execute();
  for (const r of rows) byProbe.get(r.probeId)?.push({ start: r.startedAt, end: r.endedAt, state: r.state, cause: r.cause });
  return byProbe;
}

export interface AssetAvailabilityQuery {
  assetId: string;
  from: Date;
  to: Date;
  now: Date;
  /** maintenance windows per probe id, recurring ones already expanded; absent means none */
  maintenanceByProbe: ReadonlyMap<string, TimeInterval[]>;
}

/** Availability of an asset over [from, to) from its (not deleted) probes; null when it has none. */
export async function assetAvailability(db: Db, { assetId, from, to, now, maintenanceByProbe }: AssetAvailabilityQuery): Promise<AssetAvailability | null> {
  const probes = await db.selectFrom('probes').select(['id', 'availabilityTarget']).where('assetId', '=', assetId).where('deletedAt', 'is', null).execute();
  if (probes.length === 0) return null;
  const outages = await loadOutages(
    db,
    probes.map((p) => p.id),
    from,
    to,
  );
  return assetAvailabilityOf({
    from,
    to,
    now,
    probes: probes.map((p) => ({ probeId: p.id, target: Number(p.availabilityTarget), outages: outages.get(p.id) ?? [], maintenance: maintenanceByProbe.get(p.id) ?? [] })),
  });
}

/** Start of the Asia/Shanghai calendar month containing `at`, as an instant. */
export function shanghaiMonthStart(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI_OFFSET_MS);
}

const nextShanghaiMonth = (monthStart: Date): Date => {
  const local = new Date(monthStart.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SHANGHAI_OFFSET_MS);
};

export interface MonthlyAvailabilityQuery {
  probeId: string;
  from: Date;
  to: Date;
  now: Date;
  maintenance: TimeInterval[];
}

export type MonthAvailability = Availability & { month: string; from: Date; to: Date };

/**
 * Availability per Asia/Shanghai calendar month for the probe page's monthly table: each month that
 * overlaps [from, to) and has begun by `now`, clipped to [from, to), oldest first. Throws when the probe is missing.
 */
export async function monthlyAvailability(db: Db, { probeId, from, to, now, maintenance }: MonthlyAvailabilityQuery): Promise<MonthAvailability[]> {
  const probe = await db.selectFrom('probes').select('availabilityTarget').where('id', '=', probeId).executeTakeFirstOrThrow();
  const outages = (await loadOutages(db, [probeId], from, to)).get(probeId) ?? [];
  const months: MonthAvailability[] = [];
  for (let start = shanghaiMonthStart(from); start < to && start <= now; start = nextShanghaiMonth(start)) {
    const monthFrom = new Date(Math.max(start.getTime(), from.getTime()));
    const monthTo = new Date(Math.min(nextShanghaiMonth(start).getTime(), to.getTime()));
    const local = new Date(start.getTime() + SHANGHAI_OFFSET_MS);
    const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    months.push({ month, from: monthFrom, to: monthTo, ...probeAvailability({ from: monthFrom, to: monthTo, now, outages, maintenance, target: Number(probe.availabilityTarget) }) });
  }
  return months;
}
