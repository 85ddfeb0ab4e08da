import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { DAY_MS, utcDayStart } from './grains.ts';
import { dropPartitionsBefore } from './partitions.ts';

/** Default of MONITORING_RAW_RETENTION_DAYS: raw probe results are kept this many days. */
export const DEFAULT_RAW_RETENTION_DAYS = 30;
/** Default of MONITORING_ROLLUP_RETENTION_DAYS: 5-minute, hourly and daily roll-ups are kept this many days. */
export const DEFAULT_ROLLUP_RETENTION_DAYS = 400;

export interface ResultsRetentionSummary {
  droppedPartitions: string[];
  deletedHourly: number;
  deletedDaily: number;
  deletedDirty: number;
}

/**
 * Drops raw and 5-minute partitions older than their limits (whole UTC days) and deletes hourly and daily
 * roll-ups older than rollupDays. Run once a day.
 */
export async function applyResultsRetention(
  db: Kysely<Database>,
  now: Date,
  { rawDays = DEFAULT_RAW_RETENTION_DAYS, rollupDays = DEFAULT_ROLLUP_RETENTION_DAYS }: { rawDays?: number; rollupDays?: number } = {},
): Promise<ResultsRetentionSummary> {
  const today = utcDayStart(now).getTime();
  const rawCutoff = new Date(today - rawDays * DAY_MS);
  const rollupCutoff = new Date(today - rollupDays * DAY_MS);
  const droppedPartitions = [...(await dropPartitionsBefore(db, 'probe_results', rawCutoff)), ...(await dropPartitionsBefore(db, 'probe_rollups_5m', rollupCutoff))];
  // Raw SQL: CamelCasePlugin would map the table type `probeRollups1h` to probe_rollups1h.
  const hourly = await sql`delete from probe_rollups_1h where bucket_at < ${rollupCutoff}`.execute(db);
  const daily = await sql`delete from probe_rollups_1d where bucket_at < ${rollupCutoff}`.execute(db);
  // A dirty bucket whose raw results are gone cannot be recomputed.
  const dirty = await db.deleteFrom('probeRollupDirty').where('bucketAt', '<', rawCutoff).executeTakeFirst();
  return {
    droppedPartitions,
    deletedHourly: Number(hourly.numAffectedRows ?? 0),
    deletedDaily: Number(daily.numAffectedRows ?? 0),
    deletedDirty: Number(dirty.numDeletedRows),
  };
}
