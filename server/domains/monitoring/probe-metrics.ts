import { sql } from 'kysely';
import type client from 'prom-client';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import type { ProbeEngine } from './engine.ts';

type PromClient = typeof client;
type Row = { id: string; name: string; org: string; kind: string; state: string; avg: number | null; p95: number | null };

/** Prometheus label value escaping: backslash, double quote and line feed. */
const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Probe states and latencies in the Prometheus text format, for the probes the caller may see (scrape it with an
 * API token: `authorization: { credentials: <token> }`). Tenant data stays off the public /metrics: one series
 * per probe (state as a label, up 1/0, last closed 5-minute latency average and p95) and the count per state.
 */
export async function probeMetricsText(db: Db, actor: Actor): Promise<string> {
  const { rows } = await sql<Row>`
    select p.id, p.name, o.name as org, p.kind, p.state, r.latency_avg as avg, r.latency_p95 as p95
    from probes p
    join organisations o on o.id = p.org_id
    left join probe_rollups_5m r on r.probe_id = p.id
      and r.bucket_at = to_timestamp(floor(extract(epoch from now()) / 300) * 300 - 300)
    where p.deleted_at is null and ${inScope(scopeOf(actor, 'probe.read'), 'p.org_id', actor)}
    order by o.name, p.name`.execute(db);
  const labels = (r: Row) => `probe_id="${r.id}",probe="${esc(r.name)}",org="${esc(r.org)}",kind="${r.kind}"`;
  const out: string[] = [];
  out.push('# HELP yiwei_probe_state Current state of each probe (value 1; the state is a label)', '# TYPE yiwei_probe_state gauge');
  for (const r of rows) out.push(`yiwei_probe_state{${labels(r)},state="${r.state}"} 1`);
  out.push('# HELP yiwei_probe_up 1 when the probe is up or degraded, 0 when down or unreachable (absent while paused, in maintenance or unknown)', '# TYPE yiwei_probe_up gauge');
  for (const r of rows) {
    if (r.state === 'up' || r.state === 'degraded') out.push(`yiwei_probe_up{${labels(r)}} 1`);
    else if (r.state === 'down' || r.state === 'unreachable') out.push(`yiwei_probe_up{${labels(r)}} 0`);
  }
  out.push('# HELP yiwei_probe_latency_ms Latency of successful checks in the last closed 5-minute bucket', '# TYPE yiwei_probe_latency_ms gauge');
  for (const r of rows) {
    if (r.avg !== null) out.push(`yiwei_probe_latency_ms{${labels(r)},stat="avg"} ${r.avg}`);
    if (r.p95 !== null) out.push(`yiwei_probe_latency_ms{${labels(r)},stat="p95"} ${r.p95}`);
  }
  const perState = new Map<string, number>();
  for (const r of rows) perState.set(r.state, (perState.get(r.state) ?? 0) + 1);
  out.push('# HELP yiwei_probes Probes per state', '# TYPE yiwei_probes gauge');
  for (const [state, n] of perState) out.push(`yiwei_probes{state="${state}"} ${n}`);
  return `${out.join('\n')}\n`;
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
