import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { invalid } from '../../../platform/errors.ts';
import { bucketSql, bucketStart, DAY_MS, GRAINS, HOUR_MS, watermarkSql, type Grain } from './grains.ts';

// Callers (services) check that the actor may see these probes; these reads take ids only.

/** One chart point: a raw result (total 1) or a bucket. Latencies are of successful checks only. */
export interface SeriesPoint {
  at: Date;
  latencyAvg: number | null;
  latencyMax: number | null;
  latencyP95: number | null;
  total: number;
  successes: number;
}

export type SeriesGrain = 'raw' | Grain;

/** The grain a chart of [from, to) is drawn from: a few hundred to a few thousand points at most. */
export function seriesGrain(from: Date, to: Date): SeriesGrain {
  const spanMs = to.getTime() - from.getTime();
  if (spanMs <= 6 * HOUR_MS) return 'raw';
  if (spanMs <= 7 * DAY_MS) return '5m';
  if (spanMs <= 90 * DAY_MS) return '1h';
  return '1d';
}

export const MAX_SPARKLINE_PROBES = 100;
export const MAX_RATIO_PROBES = 1000;

const POINT_COLUMNS = sql`latency_avg, latency_max, latency_p95, total, successes`;
// A bucket after the grain's watermark is not rolled up yet: aggregate it from raw results on the fly.
const RAW_POINT = sql`
  avg(r.latency_ms) filter (where r.status <= 1) as latency_avg,
  max(r.latency_ms) filter (where r.status <= 1) as latency_max,
  percentile_cont(0.95) within group (order by r.latency_ms) filter (where r.status <= 1) as latency_p95,
  count(*)::int as total,
  (count(*) filter (where r.status <= 1))::int as successes`;

/** Latency and success counts of one probe over [from, to), at the grain seriesGrain() picks. */
export async function latencySeries(db: Db, probeId: string, from: Date, to: Date): Promise<{ grain: SeriesGrain; points: SeriesPoint[] }> {
  const grain = seriesGrain(from, to);
  if (grain === 'raw') {
    const { rows } = await sql<SeriesPoint>`
      select r.checked_at as at,
        case when r.status <= 1 then r.latency_ms end as latency_avg,
        case when r.status <= 1 then r.latency_ms end as latency_max,
        case when r.status <= 1 then r.latency_ms end as latency_p95,
        1 as total, (r.status <= 1)::int as successes
      from probe_results r
      where r.probe_id = ${probeId} and r.checked_at >= ${from} and r.checked_at < ${to}
      order by r.checked_at`.execute(db);
    return { grain, points: rows };
  }
  const start = bucketStart(grain, from);
  const { rows } = await sql<SeriesPoint>`
    with wm as (select ${watermarkSql(grain)} as reached_at)
    select bucket_at as at, ${POINT_COLUMNS}
    from ${sql.raw(GRAINS[grain].table)}, wm
    where probe_id = ${probeId} and bucket_at >= ${start} and bucket_at < ${to} and bucket_at < wm.reached_at
    union all
    select ${bucketSql(grain, 'r.checked_at')} as at, ${RAW_POINT}
    from probe_results r, wm
    where r.probe_id = ${probeId} and r.checked_at >= greatest(${start}::timestamptz, wm.reached_at) and r.checked_at < ${to}
    group by 1
    order by at`.execute(db);
  return { grain, points: rows };
}

/**
 * Hourly points of the last 24 hours (the current hour included) for up to 100 probes, in one query:
 * hourly roll-ups, and raw results for the hours not rolled up yet. Every requested id is present.
 */
export async function sparklines(db: Db, probeIds: readonly string[], now: Date): Promise<Map<string, SeriesPoint[]>> {
  if (probeIds.length > MAX_SPARKLINE_PROBES) throw invalid('probe_results.too_many_probes', `At most ${MAX_SPARKLINE_PROBES} probes per request`);
  const byProbe = new Map<string, SeriesPoint[]>(probeIds.map((id) => [id, []]));
  if (probeIds.length === 0) return byProbe;
  const start = new Date(bucketStart('1h', now).getTime() - 23 * HOUR_MS);
  const ids = sql`${sql.val(probeIds)}::uuid[]`;
  const { rows } = await sql<SeriesPoint & { probeId: string }>`
    with wm as (select ${watermarkSql('1h')} as reached_at)
    select probe_id, bucket_at as at, ${POINT_COLUMNS}
    from probe_rollups_1h, wm
    where probe_id = any(${ids}) and bucket_at >= ${start} and bucket_at < wm.reached_at
    union all
    select r.probe_id, ${bucketSql('1h', 'r.checked_at')} as at, ${RAW_POINT}
    from probe_results r, wm
    where r.probe_id = any(${ids}) and r.checked_at >= greatest(${start}::timestamptz, wm.reached_at) and r.checked_at <= ${now}
    group by 1, 2
    order by probe_id, at`.execute(db);
  for (const { probeId, ...point } of rows) byProbe.get(probeId)?.push(point);
  return byProbe;
}

/** Share of successful checks (up or degraded), null when there were none. */
export interface UptimeRatios {
  ratio24h: number | null;
  ratio30d: number | null;
}

/**
 * 24-hour and 30-day success ratios per probe: roll-ups where they exist and raw results for the tail not
 * rolled up yet, one query per window. Windows start on a bucket boundary (5 minutes and 1 hour).
 */
export async function uptimeRatios(db: Db, probeIds: readonly string[], now: Date): Promise<Map<string, UptimeRatios>> {
  if (probeIds.length > MAX_RATIO_PROBES) throw invalid('probe_results.too_many_probes', `At most ${MAX_RATIO_PROBES} probes per request`);
  const ratios = new Map<string, UptimeRatios>(probeIds.map((id) => [id, { ratio24h: null, ratio30d: null }]));
  if (probeIds.length === 0) return ratios;
  const ids = sql`${sql.val(probeIds)}::uuid[]`;
  const dayStart = bucketStart('5m', new Date(now.getTime() - DAY_MS));
  const monthStart = bucketStart('1h', new Date(now.getTime() - 30 * DAY_MS));
  const day = await sql<{ probeId: string; total: number; successes: number }>`
    with wm as (select ${watermarkSql('5m')} as m5)
    select probe_id, sum(total)::int as total, sum(successes)::int as successes from (
      select probe_id, total, successes from probe_rollups_5m, wm
      where probe_id = any(${ids}) and bucket_at >= ${dayStart} and bucket_at < wm.m5
      union all
      select r.probe_id, 1, (r.status <= 1)::int from probe_results r, wm
      where r.probe_id = any(${ids}) and r.checked_at >= greatest(${dayStart}::timestamptz, wm.m5) and r.checked_at <= ${now}
    ) t group by probe_id`.execute(db);
  const month = await sql<{ probeId: string; total: number; successes: number }>`
    with wm as (select ${watermarkSql('1h')} as h1, ${watermarkSql('5m')} as m5)
    select probe_id, sum(total)::int as total, sum(successes)::int as successes from (
      select probe_id, total, successes from probe_rollups_1h, wm
      where probe_id = any(${ids}) and bucket_at >= ${monthStart} and bucket_at < wm.h1
      union all
      select probe_id, total, successes from probe_rollups_5m, wm
      where probe_id = any(${ids}) and bucket_at >= greatest(${monthStart}::timestamptz, wm.h1) and bucket_at < wm.m5
      union all
      select r.probe_id, 1, (r.status <= 1)::int from probe_results r, wm
      where r.probe_id = any(${ids}) and r.checked_at >= greatest(${monthStart}::timestamptz, wm.m5) and r.checked_at <= ${now}
    ) t group by probe_id`.execute(db);
  const ratio = (r: { total: number; successes: number }) => (r.total > 0 ? r.successes / r.total : null);
  for (const r of day.rows) ratios.get(r.probeId)!.ratio24h = ratio(r);
  for (const r of month.rows) ratios.get(r.probeId)!.ratio30d = ratio(r);
  return ratios;
}
