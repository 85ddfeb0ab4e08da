/**
 * Probe results benchmark: 500,000 results of 10,000 probes (50 rounds at a 60 s interval) pushed through the
 * results writer in 2,000-row batches into a fresh PostgreSQL database, then rollUp() over them.
 * Prints rows/s, Node CPU and the database backend's CPU per 1,000 rows (from /proc/<pid>/stat of the one
 * backend the writer uses; WAL writer and checkpointer are not counted), and the roll-up time.
 *
 * Knobs: BENCH_RESULTS, BENCH_PROBES, BENCH_BATCH, and DATABASE_URL (the server on which a fresh database is
 * created; default the local one; it must run on this host for the backend CPU figure).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createResultsWriter, ensurePartitions, rollUp, type ProbeResultInput } from '../server/domains/monitoring/results/index.ts';
import { bucketStart } from '../server/domains/monitoring/results/grains.ts';
import { systemClock } from '../server/platform/clock.ts';
import { createDb } from '../server/platform/db.ts';
import { createLogger } from '../server/platform/log.ts';
import { withFreshDatabase } from './server.ts';

const RESULTS = Number(process.env.BENCH_RESULTS ?? 500_000);
const PROBES = Number(process.env.BENCH_PROBES ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const INTERVAL_MS = 60_000;
// Linux reports process CPU in clock ticks; 100 per second on every mainstream kernel configuration.
const CLOCK_TICKS_PER_S = 100;

/** CPU ms (user + system) a process has used, or null when /proc cannot show it (another host). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is the first, utime the 12th, stime the 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

function makeResult(i: number, probeIds: string[], orgIds: string[], start: number): ProbeResultInput {
  const p = i % PROBES;
  const round = Math.floor(i / PROBES);
  const roll = (i * 2654435761) % 1000; // deterministic spread: 98 % up, 1.5 % degraded, 0.5 % down
  const status = roll < 980 ? 'up' : roll < 995 ? 'degraded' : 'down';
  return {
    probeId: probeIds[p]!,
    orgId: orgIds[p % orgIds.length]!,
    // probes spread evenly over the interval, as the scheduler does
    checkedAt: new Date(start + round * INTERVAL_MS + Math.floor((p * INTERVAL_MS) / PROBES)),
    status,
    latencyMs: status === 'down' ? null : 1 + (roll % 200) + (p % 7) / 10,
    code: status === 'down' ? 'timeout' : null,
    message: status === 'up' ? null : status === 'down' ? 'no reply within 1000 ms' : 'latency above 150 ms',
    measurements: status === 'up' ? null : { packetLossPct: status === 'down' ? 100 : 20 },
    agentId: null,
    isMaintenance: p % 500 === 0,
  };
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  console.log(`results bench: ${RESULTS} results, ${PROBES} probes, batches of ${BATCH}, ${os.cpus().length} cores, node ${process.version}`);
  await withFreshDatabase('results', async (url) => {
    // One connection, so every statement of the writer runs in one backend whose CPU we can read.
    const handle = await createDb({ databaseUrl: url, poolSize: 1 });
    const db = handle.db;
    try {
      await migrateToLatest(db);
      const rounds = Math.ceil(RESULTS / PROBES);
      // results of the last full hours before now, so rollUp() has closed 5-minute buckets and hours to do
      const start = bucketStart('1h', new Date(Date.now() - 2 * 3_600_000)).getTime();
      const end = start + rounds * INTERVAL_MS;
      await ensurePartitions(db, new Date(start - 86_400_000), { daysAhead: 2 });
      // watermarks at the start, as on a running system: these results are on time, not late replays
      await db
        .insertInto('monitoringWatermarks')
        .values((['5m', '1h', '1d'] as const).map((g) => ({ name: `rollup_${g}`, reachedAt: bucketStart(g, new Date(start)) })))
        .execute();
      const probeIds = Array.from({ length: PROBES }, () => globalThis.crypto.randomUUID());
      const orgIds = Array.from({ length: 50 }, () => globalThis.crypto.randomUUID());
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const backendPid = rows[0]!.pid;

      const writer = createResultsWriter({ db, clock: systemClock, log: createLogger('warn'), flushIntervalMs: 60_000, maxBatch: BATCH });
      const db0 = processCpuMs(backendPid);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < RESULTS; i++) {
        writer.push(makeResult(i, probeIds, orgIds, start));
        // wait for each full batch, as a writer at its limit would: the buffer never overflows
        if ((i + 1) % BATCH === 0) await writer.flush();
      }
      const stats = await writer.stop();
      const wallMs = performance.now() - t0;
      const node = process.cpuUsage(node0);
      const db1 = processCpuMs(backendPid);
      if (stats.written !== RESULTS) throw new Error(`wrote ${stats.written} of ${RESULTS}`);

      const r0 = performance.now();
      const dbr0 = processCpuMs(backendPid);
      const summary = await rollUp(db, new Date(end + 2 * 3_600_000), { maxSpanMs: 6 * 3_600_000 });
      const rollUpMs = performance.now() - r0;
      const dbr1 = processCpuMs(backendPid);
      // a partitioned parent has no storage of its own (its partitions do); a plain table has no partition tree
      const sizes = await sql<{ table: string; mb: number }>`
        select t as table, round(greatest(pg_total_relation_size(t::regclass),
          coalesce((select sum(pg_total_relation_size(p.relid)) from pg_partition_tree(t::regclass) p), 0)) / 1048576.0, 1)::float8 as mb
        from unnest(array['probe_results', 'probe_rollups_5m', 'probe_rollups_1h']) t`.execute(db);
      const mb = Object.fromEntries(sizes.rows.map((r) => [r.table, r.mb]));

      const per1000 = (ms: number) => Math.round((ms / RESULTS) * 1000 * 100) / 100;
      const figures = {
        results: RESULTS,
        probes: PROBES,
        batch: BATCH,
        writer: {
          wallMs: Math.round(wallMs),
          rowsPerSec: Math.round(RESULTS / (wallMs / 1000)),
          nodeCpuMsPer1000: per1000((node.user + node.system) / 1000),
          dbBackendCpuMsPer1000: db0 !== null && db1 !== null ? per1000(db1 - db0) : 'n/a (database on another host)',
          wallMsPer1000: per1000(wallMs),
        },
        rollUp: {
          ms: Math.round(rollUpMs),
          dbBackendCpuMs: dbr0 !== null && dbr1 !== null ? Math.round(dbr1 - dbr0) : 'n/a',
          rows: summary.rows,
          isCaughtUp: summary.isCaughtUp,
        },
        sizeMb: mb,
      };
      console.log(JSON.stringify(figures, null, 2));
      console.table([
        { step: `write ${RESULTS} results`, ms: figures.writer.wallMs, 'rows/s': figures.writer.rowsPerSec, 'node CPU ms/1k': figures.writer.nodeCpuMsPer1000, 'db CPU ms/1k': figures.writer.dbBackendCpuMsPer1000 },
        { step: 'rollUp (5m + 1h)', ms: figures.rollUp.ms, 'rows/s': '', 'node CPU ms/1k': '', 'db CPU ms/1k': '' },
      ]);
    } finally {
      await handle.close();
    }
  });
}

export default run;
