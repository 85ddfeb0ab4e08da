import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';

/** Probes are spread over this many shards (probes.shard); workers lease whole shards, not single probes. */
export const SHARD_COUNT = 64;

export interface LeaseSync {
  owned: number[];
  acquired: number[];
  released: number[];
  liveWorkers: number;
}

/**
 * Shard leases shared by every worker process through the database. Each sync renews this worker's leases,
 * gives back what is above its fair share (ceil(shards / live workers)) and takes expired shards up to it, so
 * a new worker gets work within a sync and a dead worker's shards move once its leases expire.
 */
export function createShardLeases({ db, clock, workerId, leaseMs = 9_000 }: { db: Kysely<Database>; clock: Clock; workerId: string; leaseMs?: number }) {
  let owned = new Set<number>();

  async function sync(): Promise<LeaseSync> {
    const now = clock.now();
    const expires = new Date(now.getTime() + leaseMs);
    await db
      .insertInto('monitoringWorkers')
      .values({ workerId, startedAt: now, heartbeatAt: now })
      .onConflict((oc) => oc.column('workerId').doUpdateSet({ heartbeatAt: now }))
      .execute();
    const live = await db
      .selectFrom('monitoringWorkers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('heartbeatAt', '>', new Date(now.getTime() - leaseMs))
      .executeTakeFirstOrThrow();
    const liveWorkers = Math.max(1, Number(live.n));
    const share = Math.ceil(SHARD_COUNT / liveWorkers);

    const renewed = await db.updateTable('probeShardLeases').set({ expiresAt: expires }).where('workerId', '=', workerId).where('expiresAt', '>', now).returning('shard').execute();
    const mine = renewed.map((r) => r.shard).sort((a, b) => a - b);
    let released: number[] = [];
    if (mine.length > share) {
      released = mine.slice(share);
      await db.updateTable('probeShardLeases').set({ workerId: null, expiresAt: new Date(0) }).where('workerId', '=', workerId).where('shard', 'in', released).execute();
    }
    let acquired: number[] = [];
    const wanted = share - (mine.length - released.length);
    if (wanted > 0) {
      // SKIP LOCKED: two workers starting together each take different free shards instead of waiting on each other.
      const rows = await sql<{ shard: number }>`
        update probe_shard_leases set worker_id = ${workerId}, expires_at = ${expires}
        where shard in (
          select shard from probe_shard_leases where expires_at <= ${now} order by shard limit ${wanted} for update skip locked
        )
        returning shard`.execute(db);
      acquired = rows.rows.map((r) => Number(r.shard));
    }
    const next = new Set([...mine.filter((s) => !released.includes(s)), ...acquired]);
    // Leases that expired under us (a long pause) were lost: report them as released.
    const lost = [...owned].filter((s) => !next.has(s) && !released.includes(s));
    owned = next;
    return { owned: [...owned].sort((a, b) => a - b), acquired, released: [...released, ...lost], liveWorkers };
  }

  async function releaseAll() {
    await db.updateTable('probeShardLeases').set({ workerId: null, expiresAt: new Date(0) }).where('workerId', '=', workerId).execute();
    await db.deleteFrom('monitoringWorkers').where('workerId', '=', workerId).execute();
    owned = new Set();
  }

  return { sync, releaseAll, owned: () => owned };
}

export type ShardLeases = ReturnType<typeof createShardLeases>;
