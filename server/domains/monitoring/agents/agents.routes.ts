import type { Context } from 'hono';
import { Agent, AgentAssignment, AgentCreated, AgentCreateInput, AgentHello, AgentHelloReply, AgentListQuery, AgentPage, AgentResultBatch, AgentResultReply } from '../../../../shared/schemas/agents.ts';
import { IdParam } from '../../../../shared/schemas/common.ts';
import { defineRoutes, type AppEnv } from '../../../platform/api.ts';
import type { AgentService } from './agents.service.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const PROTOCOL = { auth: 'public', tenancy: { none: 'the agent token addresses its own agent only' } } as const;

/** The token of `Authorization: Agent <token>`; the global auth middleware only knows Bearer, so the routes read it. */
const agentToken = (c: Context<AppEnv>) => c.req.header('authorization')?.match(/^Agent\s+(\S+)$/i)?.[1] ?? '';

/** `If-None-Match` with quotes and a weak prefix stripped, so both `"12.3"` and `12.3` match. */
const ifNoneMatch = (c: Context<AppEnv>) => c.req.header('if-none-match')?.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1') || null;

/** Console routes for edge agents, and the agents' own protocol (hello, assignment pull, result upload). */
export function agentRoutes(agents: AgentService) {
  return defineRoutes('agents')
    .get('/agents', { summary: 'List edge agents in scope (paged), with probe counts and whether they are online', permission: 'probe.read', query: AgentListQuery, response: AgentPage, tenancy: { list: 'agent' } }, ({ actor, query }) => agents.list(actor, query))
    .post(
      '/agents',
      {
        summary: 'Register an edge agent (前置机); its token is returned once',
        permission: 'agent.manage',
        body: AgentCreateInput,
        response: AgentCreated,
        status: 201,
        tenancy: { none: 'the organisation is checked like an :id' },
        example: { orgId: SOME_ID, name: '门诊前置机' },
      },
      ({ actor, body }) => agents.create(actor, body),
    )
    .get('/agents/:id', { summary: 'Get an edge agent', permission: 'probe.read', params: IdParam, response: Agent, tenancy: { object: 'agent' } }, ({ actor, params }) => agents.get(actor, params.id))
    .post('/agents/:id/revoke', { summary: "Revoke an agent's token; its next call is refused", permission: 'agent.manage', params: IdParam, response: Agent, tenancy: { object: 'agent' } }, ({ actor, params }) => agents.revoke(actor, params.id))
    .post(
      '/agent/hello',
      { ...PROTOCOL, summary: 'Agent protocol: first contact (Authorization: Agent <token>)', body: AgentHello, response: AgentHelloReply, example: { version: '0.1.0', hostname: 'qzj-01', sentAt: '2026-11-23T08:00:00.000Z' } },
      ({ c, body }) => agents.hello(agentToken(c), body),
    )
    .get('/agent/probes', { ...PROTOCOL, summary: 'Agent protocol: the probes to run; 304 when If-None-Match equals the revision', response: AgentAssignment }, async ({ c }) => {
      const reply = await agents.assignment(agentToken(c), ifNoneMatch(c));
      const revision = reply.isModified ? reply.assignment.revision : reply.revision;
      c.header('ETag', `"${revision}"`);
      return reply.isModified ? reply.assignment : c.body(null, 304);
    })
    .post(
      '/agent/results',
      {
        ...PROTOCOL,
        summary: 'Agent protocol: upload one batch of results (≤ 5,000); a replayed batchSeq is acknowledged without effect',
        body: AgentResultBatch,
        response: AgentResultReply,
        example: { batchSeq: 1, sentAt: '2026-11-23T08:00:02.000Z', backlog: 0, results: [{ probeId: SOME_ID, checkedAt: '2026-11-23T08:00:00.000Z', status: 'up', latencyMs: 1.8 }] },
      },
      ({ c, body }) => agents.ingest(agentToken(c), body),
    );
}
