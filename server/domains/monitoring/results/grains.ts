import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * The users' days are Asia/Shanghai days. China has had no daylight saving time since 1991, so a Shanghai
 * day is always [00:00+08, 24:00+08): a fixed offset, which keeps the bucket arithmetic identical in SQL
 * (date_bin with a +08 origin) and in TypeScript, and needs no time-zone database in PGlite.
 */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** A roll-up grain: 5 minutes and 1 hour are zone-independent, 1 day follows Asia/Shanghai days. */
export type Grain = '5m' | '1h' | '1d';

export interface GrainSpec {
  table: 'probe_rollups_5m' | 'probe_rollups_1h' | 'probe_rollups_1d';
  /** row of monitoring_watermarks: every bucket starting before reached_at is rolled up */
  watermark: 'rollup_5m' | 'rollup_1h' | 'rollup_1d';
  stepMs: number;
  /** added to UTC before flooring, so 1d buckets start at Shanghai midnight */
  offsetMs: number;
  interval: string;
  origin: string;
}

export const GRAINS: Record<Grain, GrainSpec> = {
  '5m': { table: 'probe_rollups_5m', watermark: 'rollup_5m', stepMs: 5 * MINUTE_MS, offsetMs: 0, interval: '5 minutes', origin: '2000-01-01 00:00:00+00' },
  '1h': { table: 'probe_rollups_1h', watermark: 'rollup_1h', stepMs: HOUR_MS, offsetMs: 0, interval: '1 hour', origin: '2000-01-01 00:00:00+00' },
  '1d': { table: 'probe_rollups_1d', watermark: 'rollup_1d', stepMs: DAY_MS, offsetMs: SHANGHAI_OFFSET_MS, interval: '1 day', origin: '2000-01-01 00:00:00+08' },
};

/** Start of the bucket of `grain` that contains `at`. */
export function bucketStart(grain: Grain, at: Date): Date {
  const { stepMs, offsetMs } = GRAINS[grain];
  return new Date(Math.floor((at.getTime() + offsetMs) / stepMs) * stepMs - offsetMs);
}

/** Start of the UTC day that contains `at` (partitions are UTC days). */
export function utcDayStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** SQL for the bucket start of a timestamptz expression; matches bucketStart(). */
export function bucketSql(grain: Grain, column: string): RawBuilder<Date> {
  const g = GRAINS[grain];
  return sql<Date>`date_bin(interval '${sql.raw(g.interval)}', ${sql.raw(column)}, timestamptz '${sql.raw(g.origin)}')`;
}

/** Only successful checks carry a latency worth charting: a timeout would report the timeout itself. */
const SUCCESS = sql.raw('r.status <= 1');

/**
 * The aggregate columns of one bucket over raw results aliased `r`: total, successes (up or degraded),
 * degraded, maintenance and latency min/avg/max/p95 of the successful checks.
 */
export const AGGREGATES = sql`
  count(*)::int as total,
  (count(*) filter (where ${SUCCESS}))::int as successes,
  (count(*) filter (where r.status = 1))::int as degraded,
  (count(*) filter (where r.is_maintenance))::int as maintenance,
  min(r.latency_ms) filter (where ${SUCCESS}) as latency_min,
  avg(r.latency_ms) filter (where ${SUCCESS}) as latency_avg,
  max(r.latency_ms) filter (where ${SUCCESS}) as latency_max,
  percentile_cont(0.95) within group (order by r.latency_ms) filter (where ${SUCCESS}) as latency_p95`;

/** The watermark of a grain, or null before the first roll-up. */
export async function readWatermark(db: Db, grain: Grain): Promise<Date | null> {
  const row = await db.selectFrom('monitoringWatermarks').select('reachedAt').where('name', '=', GRAINS[grain].watermark).executeTakeFirst();
  return row?.reachedAt ?? null;
}

/** SQL for a grain's watermark, '-infinity' before the first roll-up (then everything is read raw). */
export function watermarkSql(grain: Grain): RawBuilder<Date> {
  return sql<Date>`coalesce((select reached_at from monitoring_watermarks where name = ${GRAINS[grain].watermark}), '-infinity'::timestamptz)`;
}
