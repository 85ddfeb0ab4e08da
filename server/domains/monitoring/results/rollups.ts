import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../../platform/db.ts';
import { AGGREGATES, bucketSql, bucketStart, GRAINS, HOUR_MS, MINUTE_MS, readWatermark, type Grain } from './grains.ts';

/** How far behind "now" a 5-minute bucket must end before it is rolled up: results still in writers' buffers. */
export const ROLLUP_DELAY_MS = MINUTE_MS;

export interface RollUpOptions {
  /** raw time rolled up per call at most, so a long-stopped server catches up in steps (default 24 h) */
  maxSpanMs?: number;
  /** 5-minute buckets aggregated per transaction; writers wait on the watermark lock meanwhile (default 1 h) */
  chunkMs?: number;
  /** dirty 5-minute buckets recomputed per call (default 10,000) */
  maxDirty?: number;
}

export interface RollUpSummary {
  /** roll-up rows written per grain by the forward passes */
  rows: Record<Grain, number>;
  /** dirty 5-minute buckets recomputed */
  dirtyBuckets: number;
  watermarks: Record<Grain, Date>;
  /** false while closed buckets remain for the next call */
  isCaughtUp: boolean;
}

// One key for every roll-up transaction: two workers rolling up at once would otherwise let an older
// recompute overwrite a newer one.
const ROLLUP_LOCK = sql`select pg_advisory_xact_lock(hashtext('yiwei.monitoring.rollup'))`;

/**
 * Rolls raw results up into 5-minute, hourly and (Asia/Shanghai) daily buckets: every closed bucket after
 * each grain's watermark, plus the buckets late results made dirty. Hourly and daily buckets are computed
 * from raw results, so their p95 is exact. Bounded per call; call it every minute.
 */
export async function rollUp(db: Kysely<Database>, now: Date, opts: RollUpOptions = {}): Promise<RollUpSummary> {
  const maxSpanMs = opts.maxSpanMs ?? 24 * HOUR_MS;
  const chunkMs = Math.min(opts.chunkMs ?? HOUR_MS, maxSpanMs);
  const rows: Record<Grain, number> = { '5m': 0, '1h': 0, '1d': 0 };
  await ensureWatermarks(db, now);

  const closedUntil = bucketStart('5m', new Date(now.getTime() - ROLLUP_DELAY_MS));
  let spentMs = 0;
  while (spentMs < maxSpanMs) {
    const step = await forward5m(db, closedUntil, Math.min(chunkMs, maxSpanMs - spentMs));
    if (!step) break;
    rows['5m'] += step.rows;
    spentMs += step.spanMs;
  }
  const dirtyBuckets = await recomputeDirty(db, opts.maxDirty ?? 10_000);
  rows['1h'] = await forwardFromRaw(db, '1h', maxSpanMs);
  rows['1d'] = await forwardFromRaw(db, '1d', maxSpanMs);

  const watermarks = { '5m': await readWatermark(db, '5m'), '1h': await readWatermark(db, '1h'), '1d': await readWatermark(db, '1d') } as Record<Grain, Date>;
  const isCaughtUp = watermarks['5m'].getTime() >= closedUntil.getTime() && watermarks['1h'].getTime() >= bucketStart('1h', watermarks['5m']).getTime() && watermarks['1d'].getTime() >= bucketStart('1d', watermarks['5m']).getTime();
  return { rows, dirtyBuckets, watermarks, isCaughtUp };
}

/**
 * Creates the watermarks on the first run. They start at the earliest stored result, so history written
 * before the first roll-up is rolled up too. Committed on its own: the writers' dirty marking relies on the
 * 'rollup_5m' row existing before any bucket is rolled up.
 */
async function ensureWatermarks(db: Kysely<Database>, now: Date): Promise<void> {
  const existing = await db.selectFrom('monitoringWatermarks').select('name').where('name', 'in', ['rollup_5m', 'rollup_1h', 'rollup_1d']).execute();
  if (existing.length === 3) return;
  const { rows } = await sql<{ first: Date | null }>`select min(checked_at) as first from probe_results`.execute(db);
  const start = bucketStart('5m', rows[0]?.first ?? new Date(now.getTime() - ROLLUP_DELAY_MS));
  await db
    .insertInto('monitoringWatermarks')
    .values((['5m', '1h', '1d'] as const).map((g) => ({ name: GRAINS[g].watermark, reachedAt: bucketStart(g, start) })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** One transaction of the 5-minute pass: at most `capMs` of closed buckets after the watermark. */
async function forward5m(db: Kysely<Database>, closedUntil: Date, capMs: number): Promise<{ rows: number; spanMs: number } | null> {
  return db.transaction().execute(async (trx) => {
    await ROLLUP_LOCK.execute(trx);
    // FOR UPDATE: writers read this row FOR SHARE, see insertResults().
    const wm = await trx.selectFrom('monitoringWatermarks').select('reachedAt').where('name', '=', GRAINS['5m'].watermark).forUpdate().executeTakeFirstOrThrow();
    const from = wm.reachedAt;
    const to = new Date(Math.min(closedUntil.getTime(), from.getTime() + capMs));
    if (to <= from) return null;
    const written = await upsertRollups(trx, '5m', bucketSql('5m', 'r.checked_at'), sql`probe_results r where r.checked_at >= ${from} and r.checked_at < ${to}`);
    await setWatermark(trx, '5m', to);
    return { rows: written, spanMs: to.getTime() - from.getTime() };
  });
}

/**
 * The hourly or daily pass: closed buckets (those wholly before the 5-minute watermark) after the grain's
 * watermark, at most `maxSpanMs` of them (at least one bucket), computed from raw results.
 */
async function forwardFromRaw(db: Kysely<Database>, grain: '1h' | '1d', maxSpanMs: number): Promise<number> {
  const { stepMs } = GRAINS[grain];
  return db.transaction().execute(async (trx) => {
    await ROLLUP_LOCK.execute(trx);
    const from = (await readWatermark(trx, grain))!;
    const closedUntil = bucketStart(grain, (await readWatermark(trx, '5m'))!);
    const to = new Date(Math.min(closedUntil.getTime(), from.getTime() + Math.max(stepMs, Math.floor(maxSpanMs / stepMs) * stepMs)));
    if (to <= from) return 0;
    const written = await upsertRollups(trx, grain, bucketSql(grain, 'r.checked_at'), sql`probe_results r where r.checked_at >= ${from} and r.checked_at < ${to}`);
    await setWatermark(trx, grain, to);
    return written;
  });
}

/**
 * Recomputes the 5-minute buckets marked dirty by late results, and the hours and days containing them
 * that were already rolled up (later ones are still to come in the forward passes). Returns the count.
 */
async function recomputeDirty(db: Kysely<Database>, maxDirty: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await ROLLUP_LOCK.execute(trx);
    const { rows: dirty } = await sql<{ probeId: string; bucketAt: Date }>`
      delete from probe_rollup_dirty
      where (probe_id, bucket_at) in (select probe_id, bucket_at from probe_rollup_dirty order by bucket_at limit ${maxDirty})
      returning probe_id, bucket_at`.execute(trx);
    if (dirty.length === 0) return 0;
    await upsertBuckets(trx, '5m', dirty);
    for (const grain of ['1h', '1d'] as const) {
      const wm = (await readWatermark(trx, grain))!.getTime();
      const buckets = new Map<string, { probeId: string; bucketAt: Date }>();
      for (const d of dirty) {
        const bucketAt = bucketStart(grain, d.bucketAt);
        if (bucketAt.getTime() < wm) buckets.set(`${d.probeId}/${bucketAt.getTime()}`, { probeId: d.probeId, bucketAt });
      }
      await upsertBuckets(trx, grain, [...buckets.values()]);
    }
    return dirty.length;
  });
}

/** Recomputes the listed (probe, bucket) pairs of one grain from raw results. */
async function upsertBuckets(trx: Db, grain: Grain, buckets: Array<{ probeId: string; bucketAt: Date }>): Promise<number> {
  if (buckets.length === 0) return 0;
  const { stepMs } = GRAINS[grain];
  const source = sql`
    unnest(${sql.val(buckets.map((b) => b.probeId))}::uuid[], ${sql.val(buckets.map((b) => b.bucketAt.toISOString()))}::timestamptz[],
           ${sql.val(buckets.map((b) => new Date(b.bucketAt.getTime() + stepMs).toISOString()))}::timestamptz[]) as d(probe_id, bucket_at, bucket_end)
    join probe_results r on r.probe_id = d.probe_id and r.checked_at >= d.bucket_at and r.checked_at < d.bucket_end`;
  return upsertRollups(trx, grain, sql<Date>`d.bucket_at`, source);
}

/** Aggregates raw results (`source` names them `r`) by probe and `bucket` into the grain's table; returns rows written. */
async function upsertRollups(trx: Db, grain: Grain, bucket: RawBuilder<Date>, source: RawBuilder<unknown>): Promise<number> {
  // org_id of the latest result: a probe moved to another organisation mid-bucket still yields one row.
  const result = await sql`
    insert into ${sql.raw(GRAINS[grain].table)} (probe_id, org_id, bucket_at, total, successes, degraded, maintenance, latency_min, latency_avg, latency_max, latency_p95)
    select r.probe_id, (array_agg(r.org_id order by r.checked_at desc))[1], ${bucket} as bucket, ${AGGREGATES}
    from ${source}
    group by r.probe_id, bucket
    on conflict (probe_id, bucket_at) do update set
      org_id = excluded.org_id, total = excluded.total, successes = excluded.successes, degraded = excluded.degraded,
      maintenance = excluded.maintenance, latency_min = excluded.latency_min, latency_avg = excluded.latency_avg,
      latency_max = excluded.latency_max, latency_p95 = excluded.latency_p95`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

async function setWatermark(trx: Db, grain: Grain, reachedAt: Date): Promise<void> {
  await trx.updateTable('monitoringWatermarks').set({ reachedAt }).where('name', '=', GRAINS[grain].watermark).execute();
}
