import type { z } from 'zod';
import type { Agent, AgentCreateInput, AgentListQuery as AgentListQuerySchema } from '../../../../shared/schemas/agents.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { presentAgent, type AgentRow, type ListedAgentRow } from './agents.present.ts';
import { createAgentProtocol, type AgentProtocolDeps } from './agents.protocol.ts';

export const AGENT_TOKEN_PREFIX = 'ywa_';

/** What the console lists: page, optional organisation subtree and name search. */
export type AgentListQuery = z.infer<typeof AgentListQuerySchema>;

/** Agents with their organisation's name and the number of live probes they run. */
function listed(d: Db) {
  return d
    .selectFrom('agents as g')
    .innerJoin('organisations as o', 'o.id', 'g.orgId')
    .selectAll('g')
    .select('o.name as orgName')
    .select((eb) =>
      eb
        .selectFrom('probes as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.agentId', '=', 'g.id')
        .where('p.deletedAt', 'is', null)
        .as('probeCount'),
    );
}

/**
 * Edge agents: the console's create (token shown once), list, get and revoke, and the agents' own protocol
 * (hello, assignment, results) authenticated by their token.
 */
export function createAgentService(platform: Pick<PlatformDeps, 'db' | 'audit' | 'crypto' | 'clock' | 'secrets' | 'log'>, deps: AgentProtocolDeps = {}) {
  const { db, audit, crypto, clock } = platform;
  const hashOf = (token: string) => crypto.sm3(token).toString('hex');

  /** The agent behind a protocol token, or null when it is unknown or revoked. */
  async function authenticate(token: string): Promise<AgentRow | null> {
    if (!token.startsWith(AGENT_TOKEN_PREFIX) || token.length > 200) return null;
    const row = await db.selectFrom('agents').selectAll().where('tokenHash', '=', hashOf(token)).executeTakeFirst();
    return row && !row.revokedAt ? row : null;
  }

  async function getListed(d: Db, actor: Actor, permission: 'probe.read' | 'agent.manage', id: string): Promise<ListedAgentRow> {
    const row = await listed(d).where('g.id', '=', id).where(inScope(scopeOf(actor, permission), 'g.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('agent', id);
    return row as ListedAgentRow;
  }

  return {
    /** A page of the agents in the actor's organisations, newest contact first within the name order. */
    async list(actor: Actor, query: AgentListQuery) {
      const scope = scopeOf(actor, 'probe.read');
      let q = db.selectFrom('agents as g').where(inScope(scope, 'g.org_id', actor, query.orgId));
      if (query.q) q = q.where('g.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      const [ids, count] = await Promise.all([
        q.select('g.id').orderBy('g.name').orderBy('g.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const rows = ids.length ? ((await listed(db).where('g.id', 'in', ids.map((r) => r.id)).orderBy('g.name').orderBy('g.id').execute()) as ListedAgentRow[]) : [];
      const now = clock.now();
      return { items: rows.map((r) => presentAgent(r, now)), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One agent in scope; 404 for anything else. */
    async get(actor: Actor, id: string): Promise<Agent> {
      return presentAgent(await getListed(db, actor, 'probe.read', id), clock.now());
    },

    /** Registers an agent; the token (`ywa_…`) is returned here once and only its SM3 hash is stored. */
    async create(actor: Actor, input: AgentCreateInput): Promise<{ agent: Agent; token: string }> {
      requirePermission(actor, 'agent.manage');
      await assertInScope(db, actor, 'agent.manage', input.orgId, 'organisation', input.orgId);
      const token = `${AGENT_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
      return db.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('agents').select('id').where('orgId', '=', input.orgId).where('name', '=', input.name).executeTakeFirst();
        if (taken) throw conflict('agent.name_taken', 'An agent of this organisation already has this name');
        const row = await trx
          .insertInto('agents')
          .values({ orgId: input.orgId, name: input.name, tokenHash: hashOf(token), version: null, hostname: null, lastSeenAt: null, clockSkewMs: null, createdBy: actor.userId, revokedAt: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        const agent = presentAgent(await getListed(trx, actor, 'agent.manage', row.id), clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'agent.create', action: 'create', objectType: 'agent', objectId: row.id, orgId: input.orgId, riskLevel: 'high', detail: { after: agent } });
        return { agent, token };
      });
    },

    /** Revokes the agent's token at once: its next call gets 401. Its probes stay assigned until someone moves them. */
    async revoke(actor: Actor, id: string): Promise<Agent> {
      const before = await getListed(db, actor, 'agent.manage', id);
      if (before.revokedAt) return presentAgent(before, clock.now());
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('agents').set({ revokedAt: clock.now() }).where('id', '=', id).execute();
        const agent = presentAgent(await getListed(trx, actor, 'agent.manage', id), clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'agent.revoke', action: 'revoke', objectType: 'agent', objectId: id, orgId: before.orgId, riskLevel: 'medium', detail: { before: presentAgent(before, clock.now()), after: agent } });
        return agent;
      });
    },

    authenticate,
    ...createAgentProtocol(platform, authenticate, deps),
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
