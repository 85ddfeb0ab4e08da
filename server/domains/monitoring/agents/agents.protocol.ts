import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { AgentAssignment, AgentHello, AgentHelloReply, AgentProbe, AgentResult, AgentResultBatch, AgentResultReply } from '../../../../shared/schemas/agents.ts';
import type { ProbeKindKey, ProbeState } from '../../../../shared/schemas/probes.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { unauthenticated } from '../../../platform/errors.ts';
import { windowsForProbes, type Interval } from '../maintenance/index.ts';
import { secretsContext } from '../probe-config.ts';
import { insertResults, type ProbeResultInput } from '../results/results-writer.ts';
import { advance, initialMemory, type MachineMemory } from '../state-machine.ts';
import { failingProbeIds, writeTransition, type ProbeStateChangeEvent, type ProbeStateFeed } from '../transitions.ts';
import type { AgentRow } from './agents.present.ts';

/** What ingest needs besides the platform; everything optional so the agents domain stands alone. */
export interface AgentProtocolDeps {
  /** told about state changes after commit (the alerting engine listens) */
  feed?: Pick<ProbeStateFeed, 'emit'>;
  /**
   * Upstream probes of each probe (by asset relations), for 'unreachable' instead of 'down'. Absent: agent-run
   * probes get no dependency suppression; the central engine provides the lookup.
   */
  upstreamOf?: (d: Db, probeIds: string[]) => Promise<Map<string, string[]>>;
}

/** The answer to an assignment pull: unchanged (304) or the full list. */
export type AssignmentReply = { isModified: false; revision: string } | { isModified: true; assignment: AgentAssignment };

const INT32_MAX = 2 ** 31 - 1;
const clampInt = (v: number) => Math.max(-INT32_MAX, Math.min(INT32_MAX, Math.round(v)));

/** The stored machine memory when it looks like one; anything else starts afresh from the row's state. */
function memoryOf(stored: unknown, state: ProbeState, stateSince: Date): MachineMemory {
  const m = stored as Partial<MachineMemory> | null;
  const fresh = initialMemory(state, stateSince.getTime());
  if (!m || typeof m !== 'object' || typeof m.state !== 'string' || typeof m.failStreak !== 'number') return fresh;
  // The row's state wins: a person may have paused or resumed the probe since this memory was written.
  return m.state === state ? { ...fresh, ...m } : { ...fresh, ...m, state, sinceMs: stateSince.getTime() };
}

/** SQL condition: the probe's organisation lies in the agent's organisation subtree (an agent never runs another tenant's probe). */
const probeInAgentSubtree = (agentOrgId: string) => sql<SqlBool>`p.org_id in (select o.id from organisations o where o.ancestor_ids @> array[${agentOrgId}]::uuid[])`;

const inIntervals = (intervals: Interval[] | undefined, atMs: number) => intervals?.some((i) => i.start.getTime() <= atMs && atMs < i.end.getTime()) ?? false;

/**
 * The edge agents' protocol: hello, assignment pull, result upload. Every call carries `Authorization: Agent
 * <token>` and can only ever address the agent that token belongs to.
 */
export function createAgentProtocol({ db, secrets, clock, log }: Pick<PlatformDeps, 'db' | 'secrets' | 'clock' | 'log'>, authenticate: (token: string) => Promise<AgentRow | null>, deps: AgentProtocolDeps = {}) {
  async function agentOf(token: string) {
    const agent = token ? await authenticate(token) : null;
    if (!agent) throw unauthenticated('agent.invalid_token', 'Unknown or revoked agent token');
    return agent;
  }

  // Probes this agent runs: assigned to it, live, not paused, and inside its organisation's subtree.
  const assignedProbes = (d: Db, agentId: string, agentOrgId: string) =>
    d.selectFrom('probes as p').where('p.agentId', '=', agentId).where('p.deletedAt', 'is', null).where(probeInAgentSubtree(agentOrgId));

  return {
    /** First contact after start: records version, host and clock skew; tells the agent where its batch sequence stands. */
    async hello(token: string, input: z.infer<typeof AgentHello>): Promise<z.infer<typeof AgentHelloReply>> {
      const agent = await agentOf(token);
      const now = clock.now();
      const clockSkewMs = clampInt(Date.parse(input.sentAt) - now.getTime());
      await db.updateTable('agents').set({ version: input.version, hostname: input.hostname, lastSeenAt: now, clockSkewMs }).where('id', '=', agent.id).execute();
      log.info({ agentId: agent.id, version: input.version, clockSkewMs }, 'agent said hello');
      return { agentId: agent.id, name: agent.name, serverTime: now.toISOString(), lastBatchSeq: Number(agent.lastBatchSeq) };
    },

    /**
     * The probes the agent runs, secrets unsealed. The revision is `<max change_seq>.<count>`: every edit, pause,
     * move or deletion bumps a probe's change_seq, and the count catches a probe leaving the set without the
     * maximum moving.
     */
    async assignment(token: string, ifNoneMatch: string | null): Promise<AssignmentReply> {
      const agent = await agentOf(token);
      await db.updateTable('agents').set({ lastSeenAt: clock.now() }).where('id', '=', agent.id).execute();
      const live = assignedProbes(db, agent.id, agent.orgId).where('p.isPaused', '=', false);
      if (ifNoneMatch) {
        const head = await live.select((eb) => [eb.fn.max('p.changeSeq').as('maxSeq'), eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
        const revision = `${head.maxSeq ?? 0}.${Number(head.n)}`;
        if (revision === ifNoneMatch) return { isModified: false, revision };
      }
      const rows = await live.select(['p.id', 'p.kind', 'p.config', 'p.secretsSealed', 'p.intervalS', 'p.timeoutMs', 'p.retries', 'p.retryIntervalS', 'p.changeSeq']).orderBy('p.id').execute();
      const probes: AgentProbe[] = rows.map((r) => {
        let unsealed: Record<string, unknown> | null = null;
        if (r.secretsSealed) {
          try {
            unsealed = JSON.parse(secrets.open(r.secretsSealed, secretsContext(r.id))) as Record<string, unknown>;
          } catch (err) {
            // The probe still runs and fails visibly (auth) rather than silently vanishing from the agent.
            log.error({ err, probeId: r.id }, 'probe secrets could not be unsealed for its agent');
          }
        }
        return { id: r.id, kind: r.kind as ProbeKindKey, config: r.config, secrets: unsealed, intervalS: r.intervalS, timeoutMs: r.timeoutMs, retries: r.retries, retryIntervalS: r.retryIntervalS };
      });
      const maxSeq = rows.reduce((m, r) => Math.max(m, Number(r.changeSeq)), 0);
      return { isModified: true, assignment: { revision: `${maxSeq}.${rows.length}`, probes } };
    },

    /**
     * Stores one batch and advances the state of its probes, all in one transaction. A batch at or below the
     * last accepted sequence is a replay (the agent did not hear our answer) and changes nothing. Results for
     * probes the agent does not run (moved, deleted, another tenant's) are counted and dropped.
     */
    async ingest(token: string, batch: AgentResultBatch): Promise<z.infer<typeof AgentResultReply>> {
      const agent = await agentOf(token);
      const now = clock.now();
      const { reply, events } = await db.transaction().execute(async (trx) => {
        // The row lock serialises two uploads of one agent (a retry racing its original), so the check below is exact.
        const locked = await trx.selectFrom('agents').select(['lastBatchSeq', 'revokedAt']).where('id', '=', agent.id).forUpdate().executeTakeFirstOrThrow();
        if (locked.revokedAt) throw unauthenticated('agent.invalid_token', 'Unknown or revoked agent token');
        const lastBatchSeq = Number(locked.lastBatchSeq);
        if (batch.batchSeq <= lastBatchSeq) {
          await trx.updateTable('agents').set({ lastSeenAt: now }).where('id', '=', agent.id).execute();
          return { reply: { accepted: 0, ignored: 0, lastBatchSeq }, events: [] as ProbeStateChangeEvent[] };
        }
        const ids = [...new Set(batch.results.map((r) => r.probeId))];
        const probes = ids.length
          ? await assignedProbes(trx, agent.id, agent.orgId)
              .select(['p.id', 'p.orgId', 'p.assetId', 'p.retries', 'p.isPaused', 'p.state', 'p.stateSince', 'p.machine'])
              .where(sql<SqlBool>`p.id = any(${sql.val(ids)}::uuid[])`)
              .orderBy('p.id')
              .forUpdate()
              .execute()
          : [];
        const byId = new Map(probes.map((p) => [p.id, p]));
        // Sorted by time (stable, so equal instants keep the agent's order): the machine must see runs as they happened.
        const kept = batch.results
          .filter((r) => byId.has(r.probeId))
          .map((r) => ({ r, atMs: Date.parse(r.checkedAt) }))
          .sort((a, b) => a.atMs - b.atMs);
        const windows = kept.length ? await windowsForProbes(trx, probes, new Date(kept[0]!.atMs), new Date(kept[kept.length - 1]!.atMs + 1)) : new Map<string, Interval[]>();
        const rows: ProbeResultInput[] = kept.map(({ r, atMs }) => toResultRow(r, byId.get(r.probeId)!.orgId, agent.id, inIntervals(windows.get(r.probeId), atMs)));
        await insertResults(trx, rows);

        const upstream = deps.upstreamOf && kept.length ? await deps.upstreamOf(trx, [...byId.keys()]) : null;
        const failing = upstream ? await failingProbeIds(trx) : null;
        const events: ProbeStateChangeEvent[] = [];
        const memories = new Map<string, MachineMemory>();
        for (const [i, { r, atMs }] of kept.entries()) {
          const probe = byId.get(r.probeId)!;
          // A paused probe's state belongs to the person who paused it; its late results are history only.
          if (probe.isPaused) continue;
          const memory = memories.get(probe.id) ?? memoryOf(probe.machine, probe.state, probe.stateSince);
          const failingUpstreamProbeId = upstream?.get(probe.id)?.find((id) => failing!.has(id)) ?? null;
          const step = advance(memory, { status: r.status, atMs, message: r.message ?? '', retries: probe.retries, isInMaintenance: rows[i]!.isMaintenance, failingUpstreamProbeId });
          if (step.change) events.push(await writeTransition(trx, probe, step.change, { isFlapping: step.memory.isFlapping, machine: step.memory }));
          memories.set(probe.id, step.memory);
        }
        for (const [probeId, memory] of memories) {
          await trx.updateTable('probes').set({ machine: JSON.stringify(memory), isFlapping: memory.isFlapping }).where('id', '=', probeId).execute();
        }
        await trx
          .updateTable('agents')
          .set({ lastBatchSeq: batch.batchSeq, backlog: batch.backlog, lastSeenAt: now, clockSkewMs: clampInt(Date.parse(batch.sentAt) - now.getTime()) })
          .where('id', '=', agent.id)
          .execute();
        return { reply: { accepted: kept.length, ignored: batch.results.length - kept.length, lastBatchSeq: batch.batchSeq }, events };
      });
      for (const e of events) deps.feed?.emit(e);
      if (reply.ignored > 0) log.info({ agentId: agent.id, ignored: reply.ignored, batchSeq: batch.batchSeq }, 'agent results for probes it does not run were ignored');
      return reply;
    },
  };
}

function toResultRow(r: AgentResult, orgId: string, agentId: string, isMaintenance: boolean): ProbeResultInput {
  return {
    probeId: r.probeId,
    orgId,
    checkedAt: new Date(r.checkedAt),
    status: r.status,
    latencyMs: r.latencyMs,
    code: r.code ?? null,
    message: r.message ?? null,
    measurements: r.measurements ?? null,
    agentId,
    isMaintenance,
  };
}

export type AgentProtocol = ReturnType<typeof createAgentProtocol>;
