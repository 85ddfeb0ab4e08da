import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../../platform/db.ts';
import { DAY_MS, utcDayStart } from './grains.ts';

/** The tables partitioned by UTC day, and the column each is partitioned on. */
export const PARTITIONED_TABLES = { probe_results: 'checked_at', probe_rollups_5m: 'bucket_at' } as const;
export type PartitionedTable = keyof typeof PARTITIONED_TABLES;

const DUPLICATE_TABLE = '42P07';
// Two sessions creating the same table at once can also collide on the pg_type row of its row type.
const UNIQUE_VIOLATION = '23505';
const DAY_SUFFIX = /_p(\d{4})(\d{2})(\d{2})$/;

/** `probe_results_p20261123` for the UTC day that starts at `day`. */
export function partitionName(table: PartitionedTable, day: Date): string {
  return `${table}_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** Names of the daily partitions of `table` (the default partition excluded). */
export async function listPartitions(db: Db, table: PartitionedTable): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${table}::regclass and c.relname <> ${`${table}_default`}
    order by c.relname`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Creates the daily partitions of probe_results and probe_rollups_5m for the UTC days from today to
 * today + daysAhead. Idempotent and safe when several workers race; returns the partitions it created.
 */
export async function ensurePartitions(db: Kysely<Database>, now: Date, { daysAhead = 3 }: { daysAhead?: number } = {}): Promise<string[]> {
  const created: string[] = [];
  const today = utcDayStart(now);
  for (const table of Object.keys(PARTITIONED_TABLES) as PartitionedTable[]) {
    const existing = new Set(await listPartitions(db, table));
    for (let d = 0; d <= daysAhead; d++) {
      const day = new Date(today.getTime() + d * DAY_MS);
      if (existing.has(partitionName(table, day))) continue;
      if (await createDailyPartition(db, table, day)) created.push(partitionName(table, day));
    }
  }
  return created;
}

/**
 * Creates one day's partition. PostgreSQL refuses to create it while the default partition holds rows of
 * that day (a clock that ran ahead, or a partition job that did not run), so those rows are moved out of
 * the default partition into the new one in the same transaction; detaching the default partition
 * instead would need its own lock dance and leave a window without a catch-all.
 */
async function createDailyPartition(db: Kysely<Database>, table: PartitionedTable, day: Date): Promise<boolean> {
  const name = partitionName(table, day);
  const column = sql.raw(PARTITIONED_TABLES[table]);
  const parent = sql.raw(table);
  const defaultPartition = sql.raw(`${table}_default`);
  // Bounds of DDL cannot be parameters; these literals come from Date.toISOString(), never from input.
  const from = sql.lit(day.toISOString());
  const to = sql.lit(new Date(day.getTime() + DAY_MS).toISOString());
  try {
    return await db.transaction().execute(async (trx) => {
      // Blocks writers (not readers) so no row of this day lands in the default partition while we move
      // them; it also conflicts with itself, which makes a racing worker wait and then see the partition.
      await sql`lock table ${parent} in share row exclusive mode`.execute(trx);
      if ((await listPartitions(trx, table)).includes(name)) return false;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${defaultPartition} where ${column} >= ${from} and ${column} < ${to}`.execute(trx);
      const strays = rows[0]?.n ?? 0;
      if (strays > 0) {
        await sql`create temporary table partition_move on commit drop as select * from ${defaultPartition} where ${column} >= ${from} and ${column} < ${to}`.execute(trx);
        await sql`delete from ${defaultPartition} where ${column} >= ${from} and ${column} < ${to}`.execute(trx);
      }
      await sql`create table ${sql.raw(name)} partition of ${parent} for values from (${from}) to (${to})`.execute(trx);
      if (strays > 0) await sql`insert into ${parent} select * from partition_move`.execute(trx);
      return true;
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === DUPLICATE_TABLE || code === UNIQUE_VIOLATION) return false;
    throw err;
  }
}

/**
 * Drops the daily partitions of `table` whose whole day lies before `cutoffDay` (retention is a DROP
 * TABLE, not a DELETE) and deletes the few rows of that age in the default partition; returns the
 * dropped partition names.
 */
export async function dropPartitionsBefore(db: Kysely<Database>, table: PartitionedTable, cutoffDay: Date): Promise<string[]> {
  const dropped: string[] = [];
  for (const name of await listPartitions(db, table)) {
    const m = DAY_SUFFIX.exec(name);
    if (!m) continue;
    const dayEnd = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
    if (dayEnd > cutoffDay.getTime()) continue;
    // "if exists": another worker running the same retention may have dropped it a moment ago.
    await sql`drop table if exists ${sql.raw(name)}`.execute(db);
    dropped.push(name);
  }
  const column = sql.raw(PARTITIONED_TABLES[table]);
  await sql`delete from ${sql.raw(`${table}_default`)} where ${column} < ${cutoffDay}`.execute(db);
  return dropped;
}
