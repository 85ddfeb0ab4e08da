import type { Selectable } from 'kysely';
import type { Agent } from '../../../../shared/schemas/agents.ts';
import type { AgentsTable } from '../monitoring.tables.ts';

/** An agent counts as online when it called in this recently (its uploader talks every 2 s, its puller every 30 s). */
export const ONLINE_WITHIN_MS = 90_000;

export type AgentRow = Selectable<AgentsTable>;
export type ListedAgentRow = AgentRow & { orgName: string; probeCount: number | string };

/** Row → Agent: an explicit literal, so the token hash and any later column never leave the server. */
export function presentAgent(r: ListedAgentRow, now: Date): Agent {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    name: r.name,
    version: r.version,
    hostname: r.hostname,
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    backlog: r.backlog,
    clockSkewMs: r.clockSkewMs,
    probeCount: Number(r.probeCount),
    isOnline: r.revokedAt === null && r.lastSeenAt !== null && now.getTime() - r.lastSeenAt.getTime() <= ONLINE_WITHIN_MS,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}
