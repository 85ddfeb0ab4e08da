import { z } from 'zod';
import { IdParam } from '../../../shared/schemas/common.ts';
import {
  HeartbeatPush,
  Probe,
  ProbeBulkInput,
  ProbeBulkResult,
  ProbeCreateInput,
  ProbeListQuery,
  ProbePage,
  ProbeResult,
  ProbeStateChange,
  ProbeStateCounts,
  ProbeUpdateInput,
} from '../../../shared/schemas/probes.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { HeartbeatService } from './heartbeats.service.ts';
import type { ProbeService } from './probes.service.ts';

const ORG_ID = '00000000-0000-4000-8000-000000000000';
const HeartbeatKeyParam = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const ResultsQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) });
const LimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

const example = { orgId: ORG_ID, name: 'HIS 门户 HTTPS', kind: 'http', intervalS: 60, timeoutMs: 10_000, retries: 2, retryIntervalS: 20, config: { url: 'https://his.example.org/health', expectedStatus: '200-299' } };

/** The probe API: CRUD, bulk creation, pause/resume, results and state history, and the heartbeat push URL. */
export function probeRoutes(probes: ProbeService, heartbeats: HeartbeatService) {
  const pushHeartbeat = ({ params, query }: { params: { key: string }; query: HeartbeatPush }) => heartbeats.push(params.key, query);
  return defineRoutes('probes')
    .get('/probes', { summary: 'List probes in scope with their state and latest result', permission: 'probe.read', query: ProbeListQuery, response: ProbePage, tenancy: { list: 'probe' } }, ({ actor, query }) => probes.list(actor, query))
    .get('/probes/summary', { summary: 'Probes per state', permission: 'probe.read', query: z.object({ orgId: z.uuid().optional() }), response: ProbeStateCounts, tenancy: { list: 'probe' } }, ({ actor, query }) => probes.stateCounts(actor, query.orgId))
    .post('/probes', { summary: 'Create a probe', permission: 'probe.manage', body: ProbeCreateInput, response: Probe, status: 201, tenancy: { none: 'creates in the organisation named in the body, checked against the grants' }, example }, ({ actor, body }) => probes.create(actor, body))
    .post('/probes/bulk', { summary: 'Create up to 10,000 probes at once, all or nothing', permission: 'probe.manage', body: ProbeBulkInput, response: ProbeBulkResult, status: 201, tenancy: { none: 'creates in the organisations named in the body, checked against the grants' }, example: { probes: [example] } }, ({ actor, body }) =>
      probes.bulkCreate(actor, body),
    )
    .get('/probes/:id', { summary: 'One probe', permission: 'probe.read', params: IdParam, response: Probe, tenancy: { object: 'probe' } }, ({ actor, params }) => probes.get(actor, params.id))
    .patch('/probes/:id', { summary: 'Change a probe; secrets are replaced only when given', permission: 'probe.manage', params: IdParam, body: ProbeUpdateInput, response: Probe, tenancy: { object: 'probe' }, example: { intervalS: 30 } }, ({ actor, params, body }) =>
      probes.update(actor, params.id, body),
    )
    .delete('/probes/:id', { summary: 'Delete a probe', permission: 'probe.manage', params: IdParam, status: 204, tenancy: { object: 'probe' } }, async ({ actor, params }) => {
      await probes.remove(actor, params.id);
      return null;
    })
    .post('/probes/:id/pause', { summary: 'Pause a probe', permission: 'probe.manage', params: IdParam, response: Probe, tenancy: { object: 'probe' } }, ({ actor, params }) => probes.setPaused(actor, params.id, true))
    .post('/probes/:id/resume', { summary: 'Resume a paused probe', permission: 'probe.manage', params: IdParam, response: Probe, tenancy: { object: 'probe' } }, ({ actor, params }) => probes.setPaused(actor, params.id, false))
    .get('/probes/:id/results', { summary: 'Raw results, newest first (default: the last 24 h)', permission: 'probe.read', params: IdParam, query: ResultsQuery, response: z.object({ items: z.array(ProbeResult) }), tenancy: { object: 'probe' } }, async ({ actor, params, query }) => ({
      items: await probes.results(actor, params.id, { from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined, limit: query.limit }),
    }))
    .get('/probes/:id/state-changes', { summary: 'State changes, newest first', permission: 'probe.read', params: IdParam, query: LimitQuery, response: z.object({ items: z.array(ProbeStateChange) }), tenancy: { object: 'probe' } }, async ({ actor, params, query }) => ({
      items: await probes.stateChanges(actor, params.id, query.limit),
    }))
    .get('/heartbeats/:key', { summary: 'Heartbeat push (GET for cron one-liners: curl …/api/heartbeats/KEY?status=up&msg=ok)', auth: 'public', params: HeartbeatKeyParam, query: HeartbeatPush, response: z.object({ ok: z.literal(true), receivedAt: z.string() }), tenancy: { none: 'the unguessable key addresses one probe' } }, pushHeartbeat)
    .post('/heartbeats/:key', { summary: 'Heartbeat push (POST with the same query parameters)', auth: 'public', params: HeartbeatKeyParam, query: HeartbeatPush, response: z.object({ ok: z.literal(true), receivedAt: z.string() }), tenancy: { none: 'the unguessable key addresses one probe' } }, pushHeartbeat);
}
