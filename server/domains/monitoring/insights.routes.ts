import { streamSSE } from 'hono/streaming';
import { sql } from 'kysely';
import { z } from 'zod';
import { IdParam } from '../../../shared/schemas/common.ts';
import {
  Availability,
  LatencySeries,
  MonthlyAvailability,
  MonthlyAvailabilityQuery,
  PeriodQuery,
  ProbeFromAssetsInput,
  ProbeFromAssetsResult,
  ProbeStats,
  ProbeStatsQuery,
} from '../../../shared/schemas/probes.ts';
import { scopeOf } from '../../platform/actor.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { Db } from '../../platform/db.ts';
import type { InsightService } from './insights.service.ts';
import type { ProbeLive } from './live.ts';
import { probeMetricsText } from './probe-metrics.ts';
import { createProbesFromAssets } from './probes.from-assets.ts';
import type { ProbeService } from './probes.service.ts';

// A console reconnects by itself (EventSource); closing long streams lets grants changed meanwhile take effect.
const LIVE_MAX_MS = 15 * 60_000;
const LIVE_PING_MS = 25_000;

const period = (q: { from: string; to: string }) => [new Date(q.from), new Date(q.to)] as const;

/** Availability, latency series, list statistics, bulk creation from assets and the live state stream. */
export function insightRoutes(db: Db, insights: InsightService, probes: ProbeService, live: ProbeLive) {
  return defineRoutes('probes')
    .get('/probes/stats', { summary: 'Sparklines (24 h, hourly) and 24 h / 30 d uptime of up to 100 probes', permission: 'probe.read', query: ProbeStatsQuery, response: ProbeStats, tenancy: { list: 'probe' } }, ({ actor, query }) => insights.stats(actor, query.ids))
    .get('/probes/live', { summary: 'Server-sent events: probe state changes in scope, as they happen', permission: 'probe.read', produces: 'text/event-stream', tenancy: { list: 'probe' } }, async ({ actor, c }) => {
      const scope = scopeOf(actor, 'probe.read');
      const orgs = await sql<{ id: string }>`select id from organisations where ${actor.kind === 'system' ? sql`true` : sql`ancestor_ids && ${sql.val(scope.roots)}::uuid[]`}`.execute(db);
      const orgIds = new Set(orgs.rows.map((r) => r.id));
      return streamSSE(c, async (stream) => {
        const unsubscribe = live.subscribe(orgIds, (e) => void stream.writeSSE({ id: e.id, event: 'probe-state', data: JSON.stringify(e) }));
        const started = Date.now();
        try {
          while (!stream.aborted && Date.now() - started < LIVE_MAX_MS) {
            await stream.writeSSE({ event: 'ping', data: String(Date.now()) });
            await stream.sleep(LIVE_PING_MS);
          }
        } finally {
          unsubscribe();
        }
      });
    })
    .get('/probes/metrics', { summary: 'Probe states and latencies in the Prometheus text format, for the probes in scope (scrape with an API token)', permission: 'probe.read', produces: 'text/plain; version=0.0.4', tenancy: { list: 'probe' } }, async ({ actor, c }) => {
      c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
      return c.body(await probeMetricsText(db, actor));
    })
    .post('/probes/from-assets', { summary: 'One probe per asset of a kind (by management IP), with a dry-run preview', permission: 'probe.manage', body: ProbeFromAssetsInput, response: ProbeFromAssetsResult, tenancy: { none: 'works on the assets in the caller’s scope only' }, example: { assetKind: 'server', kind: 'ping', intervalS: 60, isDryRun: true } }, ({ actor, body }) =>
      createProbesFromAssets(db, probes, actor, body),
    )
    .get('/probes/:id/availability', { summary: 'Availability over a period against the target, maintenance excluded, with outages and the remaining downtime budget', permission: 'probe.read', params: IdParam, query: PeriodQuery, response: Availability, tenancy: { object: 'probe' } }, ({ actor, params, query }) =>
      insights.probeAvailability(actor, params.id, ...period(query)),
    )
    .get('/probes/:id/availability/monthly', { summary: 'Availability per calendar month (Asia/Shanghai), newest first', permission: 'probe.read', params: IdParam, query: MonthlyAvailabilityQuery, response: MonthlyAvailability, tenancy: { object: 'probe' } }, ({ actor, params, query }) =>
      insights.monthly(actor, params.id, query.months),
    )
    .get('/probes/:id/series', { summary: 'Latency over a period; raw up to 6 h, then 5-min, hourly or daily roll-ups', permission: 'probe.read', params: IdParam, query: PeriodQuery, response: LatencySeries, tenancy: { object: 'probe' } }, ({ actor, params, query }) =>
      insights.series(actor, params.id, ...period(query)),
    )
    .get('/assets/:id/availability', { summary: 'Availability of an asset or system: unavailable while any of its probes is in an outage', permission: 'probe.read', params: IdParam, query: PeriodQuery, response: z.object({ availability: Availability.nullable() }), tenancy: { object: 'asset' } }, async ({ actor, params, query }) => ({
      availability: await insights.assetAvailability(actor, params.id, ...period(query)),
    }));
}
