import type { Availability as AvailabilityView, LatencySeries, MonthlyAvailability, Outage, ProbeStats } from '../../../shared/schemas/probes.ts';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { windowsForProbes } from './maintenance/index.ts';
import { assetAvailability, latencySeries, loadOutages, monthlyAvailability, probeAvailability, shanghaiMonthStart, sparklines, uptimeRatios, type Availability } from './results/index.ts';

const presentOutage = (o: { start: Date; end: Date | null; durationSeconds: number; state: string; cause: string | null; probeId?: string }): Outage => ({
  ...(o.probeId ? { probeId: o.probeId } : {}),
  start: o.start.toISOString(),
  end: o.end?.toISOString() ?? null,
  durationSeconds: o.durationSeconds,
  state: o.state,
  cause: o.cause,
});

const presentAvailability = (a: Omit<Availability, 'outages'> & { outages: Parameters<typeof presentOutage>[0][] }, from: Date, to: Date): AvailabilityView => ({
  from: from.toISOString(),
  to: to.toISOString(),
  periodSeconds: a.periodSeconds,
  maintenanceSeconds: a.maintenanceSeconds,
  downtimeSeconds: a.downtimeSeconds,
  availabilityPct: a.availabilityPct,
  target: a.target,
  meetsTarget: a.meetsTarget,
  budgetSeconds: a.budgetSeconds,
  remainingBudgetSeconds: a.remainingBudgetSeconds,
  outages: a.outages.map(presentOutage),
});

/** Availability against targets, latency series and list statistics, always through the actor's scope. */
export function createInsightService({ db, clock }: Pick<PlatformDeps, 'db' | 'clock'>) {
  async function visibleProbe(actor: Actor, id: string) {
    const row = await db
      .selectFrom('probes')
      .select(['id', 'orgId', 'assetId', 'availabilityTarget', 'createdAt'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .where(inScope(scopeOf(actor, 'probe.read'), 'probes.org_id', actor))
      .executeTakeFirst();
    if (!row) throw notFound('probe', id);
    return row;
  }

  return {
    async probeAvailability(actor: Actor, id: string, from: Date, to: Date): Promise<AvailabilityView> {
      const probe = await visibleProbe(actor, id);
      // Time before the probe existed was not measured: it is neither uptime nor downtime.
      const measuredFrom = new Date(Math.min(Math.max(from.getTime(), probe.createdAt.getTime()), to.getTime() - 1));
      const [outages, maintenance] = await Promise.all([loadOutages(db, [id], measuredFrom, to), windowsForProbes(db, [probe], measuredFrom, to)]);
      const a = probeAvailability({ from: measuredFrom, to, now: clock.now(), outages: outages.get(id) ?? [], maintenance: maintenance.get(id) ?? [], target: Number(probe.availabilityTarget) });
      return presentAvailability(a, from, to);
    },

    async monthly(actor: Actor, id: string, months: number): Promise<MonthlyAvailability> {
      const probe = await visibleProbe(actor, id);
      const now = clock.now();
      let from = shanghaiMonthStart(now);
      for (let i = 1; i < months; i++) {
        // Months before the probe existed have no measurements: they are left out, not shown as 100 %.
        if (from.getTime() <= probe.createdAt.getTime()) break;
        from = shanghaiMonthStart(new Date(from.getTime() - 86_400_000));
      }
      const to = new Date(now.getTime() + 1);
      const maintenance = await windowsForProbes(db, [probe], from, to);
      const rows = await monthlyAvailability(db, { probeId: id, from, to, now, maintenance: maintenance.get(id) ?? [] });
      return { items: rows.map((m) => ({ ...presentAvailability(m, m.from, m.to), month: m.month })).reverse() };
    },

    async series(actor: Actor, id: string, from: Date, to: Date): Promise<LatencySeries> {
      await visibleProbe(actor, id);
      const s = await latencySeries(db, id, from, to);
      return { grain: s.grain, points: s.points.map((p) => ({ ...p, at: new Date(p.at).toISOString() })) };
    },

    async stats(actor: Actor, ids: string[]): Promise<ProbeStats> {
      const visible = await db
        .selectFrom('probes')
        .select('id')
        .where('id', 'in', ids)
        .where('deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, 'probe.read'), 'probes.org_id', actor))
        .execute();
      const visibleIds = visible.map((r) => r.id);
      const now = clock.now();
      const [lines, ratios] = await Promise.all([sparklines(db, visibleIds, now), uptimeRatios(db, visibleIds, now)]);
      const hourStart = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
      return {
        items: visibleIds.map((id) => {
          const byHour = new Map((lines.get(id) ?? []).map((p) => [new Date(p.at).getTime(), p.latencyAvg]));
          return {
            probeId: id,
            sparkline: Array.from({ length: 24 }, (_, i) => byHour.get(hourStart - (23 - i) * 3_600_000) ?? null),
            uptime24h: ratios.get(id)?.ratio24h ?? null,
            uptime30d: ratios.get(id)?.ratio30d ?? null,
          };
        }),
      };
    },

    async assetAvailability(actor: Actor, assetId: string, from: Date, to: Date): Promise<AvailabilityView | null> {
      // Monitoring data of an asset: visible to whoever may see the probes of its organisation.
      const asset = await db.selectFrom('assets').select(['id']).where('id', '=', assetId).where(inScope(scopeOf(actor, 'probe.read'), 'assets.org_id', actor)).executeTakeFirst();
      if (!asset) throw notFound('asset', assetId);
      const probes = await db
        .selectFrom('probes')
        .select(['id', 'orgId', 'assetId'])
        .where('assetId', '=', assetId)
        .where('deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, 'probe.read'), 'probes.org_id', actor))
        .execute();
      const maintenanceByProbe = await windowsForProbes(db, probes, from, to);
      const a = await assetAvailability(db, { assetId, from, to, now: clock.now(), maintenanceByProbe });
      return a ? presentAvailability(a, from, to) : null;
    },
  };
}

export type InsightService = ReturnType<typeof createInsightService>;
