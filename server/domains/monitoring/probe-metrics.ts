import { sql } from 'kysely';
import type client from 'prom-client';
import type { Db } from '../../platform/db.ts';
import type { ProbeEngine } from './engine.ts';

type PromClient = typeof client;
type Row = { id: string; name: string; org: string; kind: string; state: string; avg: number | null; p95: number | null };

// The registry collects all metrics concurrently, so the gauges share one query per scrape.
const SNAPSHOT_TTL_MS = 1000;

/**
 * Probe states and latencies on /metrics for an existing Prometheus/Grafana, read from the database at scrape
 * time so every process shows the whole region: one series per probe (state as a label, plus up 1/0 and the
 * last closed 5-minute latency average and p95), and the count of probes per state.
 */
export function registerProbeMetrics(prom: PromClient, registry: client.Registry, db: Db) {
  let snapshot: { at: number; rows: Promise<Row[]> } | null = null;
  function rows(): Promise<Row[]> {
    if (!snapshot || Date.now() - snapshot.at > SNAPSHOT_TTL_MS) {
      const loading = sql<Row>`
        select p.id, p.name, o.name as org, p.kind, p.state, r.latency_avg as avg, r.latency_p95 as p95
        from probes p
        join organisations o on o.id = p.org_id
        left join probe_rollups_5m r on r.probe_id = p.id
          and r.bucket_at = to_timestamp(floor(extract(epoch from now()) / 300) * 300 - 300)
        where p.deleted_at is null`
        .execute(db)
        .then((r) => r.rows);
      snapshot = { at: Date.now(), rows: loading };
      loading.catch(() => (snapshot = null));
    }
    return snapshot.rows;
  }
  const labelNames = ['probe_id', 'probe', 'org', 'kind'] as const;
  const labelsOf = (r: Row) => ({ probe_id: r.id, probe: r.name, org: r.org, kind: r.kind });

  new prom.Gauge({
    name: 'yiwei_probe_state',
    help: 'Current state of each probe (value 1; the state is a label)',
    labelNames: [...labelNames, 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows()) this.set({ ...labelsOf(r), state: r.state }, 1);
    },
  });
  new prom.Gauge({
    name: 'yiwei_probe_up',
    help: '1 when the probe is up or degraded, 0 when down or unreachable (absent while paused, in maintenance or unknown)',
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows()) {
        if (r.state === 'up' || r.state === 'degraded') this.set(labelsOf(r), 1);
        else if (r.state === 'down' || r.state === 'unreachable') this.set(labelsOf(r), 0);
      }
    },
  });
  new prom.Gauge({
    name: 'yiwei_probe_latency_ms',
    help: 'Latency of successful checks in the last closed 5-minute bucket',
    labelNames: [...labelNames, 'stat'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows()) {
        if (r.avg !== null) this.set({ ...labelsOf(r), stat: 'avg' }, r.avg);
        if (r.p95 !== null) this.set({ ...labelsOf(r), stat: 'p95' }, r.p95);
      }
    },
  });
  new prom.Gauge({
    name: 'yiwei_probes',
    help: 'Probes per state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const perState = new Map<string, number>();
      for (const r of await rows()) perState.set(r.state, (perState.get(r.state) ?? 0) + 1);
      for (const [state, n] of perState) this.set({ state }, n);
    },
  });
}

/** The scheduler's own figures for the process that runs the engine. */
export function registerEngineMetrics(prom: PromClient, registry: client.Registry, engine: ProbeEngine) {
  new prom.Gauge({
    name: 'yiwei_probe_engine',
    help: 'Probe engine of this process: probes scheduled, runs in flight, queued, checks since start, skipped slots, p95 start lateness (ms), shards held',
    labelNames: ['figure'],
    registers: [registry],
    collect() {
      const s = engine.stats();
      for (const [figure, value] of Object.entries({ probes: s.probes, in_flight: s.inFlight, waiting: s.waiting, checks: s.checks, skipped: s.skipped, lateness_p95_ms: s.lateMsP95, shards: s.shards })) this.set({ figure }, value);
    },
  });
}
