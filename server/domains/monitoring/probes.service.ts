import { sql, type Selectable, type Updateable } from 'kysely';
import type {
  Probe,
  ProbeBulkInput,
  ProbeCreateInput,
  ProbeListQuery,
  ProbePage,
  ProbeResult,
  ProbeState,
  ProbeStateChange,
  ProbeUpdateInput,
} from '../../../shared/schemas/probes.ts';
import { CHECK_STATUSES, PROBE_STATES, ProbeCreateInput as ProbeCreateSchema } from '../../../shared/schemas/probes.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { ProbesTable } from './monitoring.tables.ts';
import { checkProbeConfig, newHeartbeatKey, secretsContext } from './probe-config.ts';
import { writeTransition, type ProbeStateFeed } from './transitions.ts';

type Row = Selectable<ProbesTable>;
type ListedRow = Row & { orgName: string; assetName: string | null; agentName: string | null; lastCheckedAt: Date | null; lastStatus: number | null; lastLatencyMs: number | null; lastMessage: string | null };

// The latest result is looked up within this window so the planner prunes old daily partitions (probes run at least daily).
const LAST_CHECK_WINDOW_MS = 2 * 86_400_000;
const BULK_CHUNK = 1000;

const present = (r: ListedRow): Probe => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  assetId: r.assetId,
  assetName: r.assetName,
  name: r.name,
  kind: r.kind as Probe['kind'],
  config: r.config,
  hasSecrets: r.secretsSealed !== null,
  intervalS: r.intervalS,
  timeoutMs: r.timeoutMs,
  retries: r.retries,
  retryIntervalS: r.retryIntervalS,
  agentId: r.agentId,
  agentName: r.agentName,
  availabilityTarget: Number(r.availabilityTarget),
  heartbeatPath: r.heartbeatKey ? `/api/heartbeats/${r.heartbeatKey}` : null,
  isPaused: r.isPaused,
  state: r.state,
  stateSince: r.stateSince.toISOString(),
  stateMessage: r.stateMessage,
  isFlapping: r.isFlapping,
  lastCheck:
    r.lastCheckedAt && r.lastStatus !== null
      ? { checkedAt: r.lastCheckedAt.toISOString(), status: CHECK_STATUSES[r.lastStatus] ?? 'unknown', latencyMs: r.lastLatencyMs, message: r.lastMessage }
      : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit trail keeps of a probe: never its sealed secrets. */
const snapshot = (r: Row) => ({ ...r, secretsSealed: r.secretsSealed ? '***' : null, machine: undefined });

/** Probes: create (one or thousands), change, pause, delete, and read with their latest result. */
export function createProbeService({ db, audit, secrets, clock }: PlatformDeps, feed?: ProbeStateFeed) {
  function listQuery(d: Db, actor: Actor, now: Date) {
    const since = new Date(now.getTime() - LAST_CHECK_WINDOW_MS);
    return d
      .selectFrom('probes as p')
      .innerJoin('organisations as o', 'o.id', 'p.orgId')
      .leftJoin('assets as a', 'a.id', 'p.assetId')
      .leftJoin('agents as g', 'g.id', 'p.agentId')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('probeResults as r')
            .select(['r.checkedAt as lastCheckedAt', 'r.status as lastStatus', 'r.latencyMs as lastLatencyMs', 'r.message as lastMessage'])
            .whereRef('r.probeId', '=', 'p.id')
            .where('r.checkedAt', '>', since)
            .orderBy('r.checkedAt', 'desc')
            .limit(1)
            .as('last'),
        (join) => join.onTrue(),
      )
      .selectAll('p')
      .select(['o.name as orgName', 'a.name as assetName', 'g.name as agentName', 'last.lastCheckedAt', 'last.lastStatus', 'last.lastLatencyMs', 'last.lastMessage'])
      .where('p.deletedAt', 'is', null)
      .where(inScope(scopeOf(actor, 'probe.read'), 'p.org_id', actor));
  }

  async function getListed(d: Db, actor: Actor, id: string): Promise<ListedRow> {
    const row = await listQuery(d, actor, clock.now()).where('p.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('probe', id);
    return row as ListedRow;
  }

  async function getForWrite(d: Db, actor: Actor, id: string): Promise<Row> {
    const row = await d
      .selectFrom('probes')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .where(inScope(scopeOf(actor, 'probe.manage'), 'probes.org_id', actor))
      .executeTakeFirst();
    if (!row) throw notFound('probe', id);
    return row;
  }

  /** The asset and agent a probe points at must be visible to the actor; the asset must belong to the probe's organisation. */
  async function checkRefs(d: Db, actor: Actor, orgId: string, assetId: string | null | undefined, agentId: string | null | undefined) {
    if (assetId) {
      const asset = await d.selectFrom('assets').select('orgId').where('id', '=', assetId).executeTakeFirst();
      await assertInScope(d, actor, 'asset.read', asset?.orgId ?? null, 'asset', assetId);
      if (asset!.orgId !== orgId) throw invalid('probe.asset_org_mismatch', 'The asset belongs to another organisation than the probe', [{ path: ['assetId'], message: 'other organisation' }]);
    }
    if (agentId) {
      const agent = await d.selectFrom('agents').select(['orgId', 'revokedAt']).where('id', '=', agentId).executeTakeFirst();
      await assertInScope(d, actor, 'probe.read', agent?.orgId ?? null, 'agent', agentId);
      if (agent!.revokedAt) throw invalid('probe.agent_revoked', 'The agent has been revoked', [{ path: ['agentId'], message: 'revoked' }]);
      const org = await d.selectFrom('organisations').select('ancestorIds').where('id', '=', orgId).executeTakeFirstOrThrow();
      if (!org.ancestorIds.includes(agent!.orgId)) throw invalid('probe.invalid_reference', 'The agent serves another organisation', [{ path: ['agentId'], message: 'the agent serves another organisation' }]);
    }
  }

  function valuesFor(input: ReturnType<typeof ProbeCreateSchema.parse>, checked: { config: Record<string, unknown>; secrets: Record<string, unknown> | null }, id: string, actor: Actor, now: Date) {
    return {
      id,
      orgId: input.orgId,
      assetId: input.assetId,
      name: input.name,
      kind: input.kind,
      config: JSON.stringify(checked.config),
      secretsSealed: checked.secrets ? secrets.seal(JSON.stringify(checked.secrets), secretsContext(id)) : null,
      intervalS: input.intervalS,
      timeoutMs: Math.min(input.timeoutMs, input.intervalS * 1000),
      // a heartbeat is a push: one missed deadline is the outage, there is nothing to retry
      retries: input.kind === 'heartbeat' ? 0 : input.retries,
      retryIntervalS: input.retryIntervalS,
      agentId: input.kind === 'heartbeat' ? null : input.agentId,
      availabilityTarget: input.availabilityTarget,
      heartbeatKey: input.kind === 'heartbeat' ? newHeartbeatKey() : null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      stateSince: now,
    };
  }

  async function bumpAndReturn(d: Db, id: string, set: Updateable<ProbesTable>) {
    return d
      .updateTable('probes')
                  .set({ ...set, updatedAt: clock.now(), changeSeq: sql<string>`nextval('probe_change_seq')` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  const service = {
    async list(actor: Actor, query: ProbeListQuery): Promise<ProbePage> {
      let q = listQuery(db, actor, clock.now());
      if (query.orgId) q = q.where(inScope(scopeOf(actor, 'probe.read'), 'p.org_id', actor, query.orgId));
      if (query.assetId) q = q.where('p.assetId', '=', query.assetId);
      if (query.agentId) q = q.where('p.agentId', '=', query.agentId);
      if (query.kind) q = q.where('p.kind', '=', query.kind);
      if (query.state) q = q.where('p.state', '=', query.state);
      if (query.q) q = q.where((eb) => eb.or([eb('p.name', 'ilike', `%${query.q}%`), eb('a.name', 'ilike', `%${query.q}%`)]));
      const [rows, total] = await Promise.all([
        q.orderBy('o.name').orderBy('p.name').orderBy('p.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: (rows as ListedRow[]).map(present), total: Number(total.n), page: query.page, pageSize: query.pageSize };
    },

    /** Probes per state in the actor's scope (the summary bar). */
    async stateCounts(actor: Actor, orgId?: string): Promise<Record<ProbeState, number>> {
      const rows = await db
        .selectFrom('probes')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where('deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, 'probe.read'), 'probes.org_id', actor, orgId))
        .groupBy('state')
        .execute();
      const counts = Object.fromEntries(PROBE_STATES.map((s) => [s, 0])) as Record<ProbeState, number>;
      for (const r of rows) counts[r.state] = Number(r.n);
      return counts;
    },

    async get(actor: Actor, id: string): Promise<Probe> {
      return present(await getListed(db, actor, id));
    },

    async create(actor: Actor, raw: ProbeCreateInput): Promise<Probe> {
      const { ids } = await service.bulkCreate(actor, { probes: [raw] });
      return service.get(actor, ids[0]!);
    },

    /** All-or-nothing: every row is checked first and every bad row reported; then one transaction and one audit event. */
    async bulkCreate(actor: Actor, body: ProbeBulkInput): Promise<{ created: number; ids: string[] }> {
      requirePermission(actor, 'probe.manage');
      const inputs = body.probes.map((p) => ProbeCreateSchema.parse(p));
      const issues: Array<{ path: Array<string | number>; message: string }> = [];
      const checked = inputs.map((input, i) => {
        const r = checkProbeConfig(input.kind, input.config, input.secrets, body.probes.length > 1 ? ['probes', i] : []);
        if (!r.ok) issues.push(...r.issues);
        return r.ok ? r.value : null;
      });
      if (issues.length > 0) throw invalid('probe.invalid_config', 'The probe configuration is not valid for its kind', issues.slice(0, 200));
      for (const orgId of new Set(inputs.map((p) => p.orgId))) await assertInScope(db, actor, 'probe.manage', orgId, 'organisation', orgId);
      await checkManyRefs(actor, inputs);
      const now = clock.now();
      const values = inputs.map((input, i) => valuesFor(input, checked[i]!, crypto.randomUUID(), actor, now));
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < values.length; i += BULK_CHUNK) await trx.insertInto('probes').values(values.slice(i, i + BULK_CHUNK)).execute();
        const single = values.length === 1 ? values[0]! : null;
        await audit.record(trx, subjectOf(actor), {
          eventType: single ? 'probe.create' : 'probe.bulk_create',
          action: 'create',
          objectType: 'probe',
          objectId: single?.id ?? null,
          orgId: single?.orgId ?? inputs[0]!.orgId,
          detail: single ? { after: { ...single, secretsSealed: single.secretsSealed ? '***' : null } } : { count: values.length, kinds: [...new Set(inputs.map((p) => p.kind))], orgIds: [...new Set(inputs.map((p) => p.orgId))] },
        });
      });
      return { created: values.length, ids: values.map((v) => v.id) };
    },

    async update(actor: Actor, id: string, input: ProbeUpdateInput): Promise<Probe> {
      const before = await getForWrite(db, actor, id);
      await checkRefs(db, actor, before.orgId, input.assetId, input.agentId);
      const configChanged = input.config !== undefined || input.secrets !== undefined;
      let config = before.config;
      let secretsSealed = before.secretsSealed;
      if (configChanged) {
        const keptSecrets = input.secrets === undefined && before.secretsSealed ? JSON.parse(secrets.open(before.secretsSealed, secretsContext(id))) : (input.secrets ?? null);
        const checked = checkProbeConfig(before.kind as ProbeCreateInput['kind'], input.config ?? before.config, keptSecrets);
        if (!checked.ok) throw invalid('probe.invalid_config', 'The probe configuration is not valid for its kind', checked.issues);
        config = checked.value.config;
        secretsSealed = checked.value.secrets ? secrets.seal(JSON.stringify(checked.value.secrets), secretsContext(id)) : null;
      }
      const intervalS = input.intervalS ?? before.intervalS;
      await db.transaction().execute(async (trx) => {
        const after = await bumpAndReturn(trx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.assetId !== undefined ? { assetId: input.assetId } : {}),
          ...(input.agentId !== undefined ? { agentId: before.kind === 'heartbeat' ? null : input.agentId } : {}),
          ...(input.intervalS !== undefined ? { intervalS } : {}),
          ...(input.timeoutMs !== undefined || input.intervalS !== undefined ? { timeoutMs: Math.min(input.timeoutMs ?? before.timeoutMs, intervalS * 1000) } : {}),
          ...(input.retries !== undefined && before.kind !== 'heartbeat' ? { retries: input.retries } : {}),
          ...(input.retryIntervalS !== undefined ? { retryIntervalS: input.retryIntervalS } : {}),
          ...(input.availabilityTarget !== undefined ? { availabilityTarget: input.availabilityTarget } : {}),
          ...(configChanged ? { config: JSON.stringify(config), secretsSealed } : {}),
        });
        await audit.record(trx, subjectOf(actor), { eventType: 'probe.update', action: 'update', objectType: 'probe', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
      });
      return service.get(actor, id);
    },

    /** Pausing stops the checks and shows 'paused'; resuming starts from 'unknown' until the next result. */
    async setPaused(actor: Actor, id: string, isPaused: boolean): Promise<Probe> {
      const before = await getForWrite(db, actor, id);
      if (before.isPaused === isPaused) return service.get(actor, id);
      const now = clock.now();
      const event = await db.transaction().execute(async (trx) => {
        await bumpAndReturn(trx, id, { isPaused, machine: null });
        const change = await writeTransition(trx, before, { from: before.state, to: isPaused ? 'paused' : 'unknown', atMs: now.getTime(), message: isPaused ? `paused by ${actor.name}` : `resumed by ${actor.name}`, causeProbeId: null }, { isFlapping: false });
        await audit.record(trx, subjectOf(actor), { eventType: isPaused ? 'probe.pause' : 'probe.resume', action: 'update', objectType: 'probe', objectId: id, orgId: before.orgId });
        return change;
      });
      feed?.emit(event);
      return service.get(actor, id);
    },

    /** Soft delete: the probe leaves every list and scheduler; its results age out with retention. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getForWrite(db, actor, id);
      await db.transaction().execute(async (trx) => {
        await bumpAndReturn(trx, id, { deletedAt: clock.now(), heartbeatKey: null });
        await trx.updateTable('probeOutages').set({ endedAt: clock.now() }).where('probeId', '=', id).where('endedAt', 'is', null).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'probe.delete', action: 'delete', objectType: 'probe', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },

    /** Raw results, newest first. */
    async results(actor: Actor, id: string, o: { from?: Date; to?: Date; limit: number }): Promise<ProbeResult[]> {
      await getListed(db, actor, id);
      const to = o.to ?? clock.now();
      const from = o.from ?? new Date(to.getTime() - 86_400_000);
      const rows = await db
        .selectFrom('probeResults')
        .select(['checkedAt', 'status', 'latencyMs', 'code', 'message', 'measurements', 'isMaintenance'])
        .where('probeId', '=', id)
        .where('checkedAt', '>=', from)
        .where('checkedAt', '<=', to)
        .orderBy('checkedAt', 'desc')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({ checkedAt: r.checkedAt.toISOString(), status: CHECK_STATUSES[r.status] ?? 'unknown', latencyMs: r.latencyMs, code: r.code, message: r.message, measurements: r.measurements, isMaintenance: r.isMaintenance }));
    },

    async stateChanges(actor: Actor, id: string, limit: number): Promise<ProbeStateChange[]> {
      await getListed(db, actor, id);
      const rows = await db.selectFrom('probeStateChanges').selectAll().where('probeId', '=', id).orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({ id: String(r.id), probeId: r.probeId, fromState: r.fromState, toState: r.toState, changedAt: r.changedAt.toISOString(), message: r.message, causeProbeId: r.causeProbeId }));
    },
  };

  /** The bulk form of checkRefs: one query per 1,000 distinct assets or agents, issues reported per row. */
  async function checkManyRefs(actor: Actor, inputs: Array<{ orgId: string; assetId: string | null; agentId: string | null }>) {
    const assetIds = [...new Set(inputs.flatMap((p) => (p.assetId ? [p.assetId] : [])))];
    const agentIds = [...new Set(inputs.flatMap((p) => (p.agentId ? [p.agentId] : [])))];
    const assets = new Map<string, string>();
    const agents = new Map<string, { orgId: string; revokedAt: Date | null }>();
    for (let i = 0; i < assetIds.length; i += BULK_CHUNK) {
      const rows = await db.selectFrom('assets').select(['id', 'orgId']).where('id', 'in', assetIds.slice(i, i + BULK_CHUNK)).where(inScope(scopeOf(actor, 'asset.read'), 'assets.org_id', actor)).execute();
      for (const r of rows) assets.set(r.id, r.orgId);
    }
    for (let i = 0; i < agentIds.length; i += BULK_CHUNK) {
      const rows = await db.selectFrom('agents').select(['id', 'orgId', 'revokedAt']).where('id', 'in', agentIds.slice(i, i + BULK_CHUNK)).where(inScope(scopeOf(actor, 'probe.read'), 'agents.org_id', actor)).execute();
      for (const r of rows) agents.set(r.id, r);
    }
    // An agent runs probes of its own organisation and the organisations below it, never a sibling's.
    const ancestors = new Map<string, string[]>();
    if (agentIds.length > 0) {
      const orgIds = [...new Set(inputs.map((p) => p.orgId))];
      for (const o of await db.selectFrom('organisations').select(['id', 'ancestorIds']).where('id', 'in', orgIds).execute()) ancestors.set(o.id, o.ancestorIds);
    }
    const issues: Array<{ path: Array<string | number>; message: string }> = [];
    const at = (i: number, field: string) => (inputs.length > 1 ? ['probes', i, field] : [field]);
    inputs.forEach((p, i) => {
      if (p.assetId && !assets.has(p.assetId)) issues.push({ path: at(i, 'assetId'), message: 'no such asset' });
      else if (p.assetId && assets.get(p.assetId) !== p.orgId) issues.push({ path: at(i, 'assetId'), message: 'the asset belongs to another organisation' });
      const agent = p.agentId ? agents.get(p.agentId) : undefined;
      if (p.agentId && !agent) issues.push({ path: at(i, 'agentId'), message: 'no such agent' });
      else if (agent?.revokedAt) issues.push({ path: at(i, 'agentId'), message: 'the agent has been revoked' });
      else if (agent && !ancestors.get(p.orgId)?.includes(agent.orgId)) issues.push({ path: at(i, 'agentId'), message: 'the agent serves another organisation' });
    });
    if (issues.length > 0) throw invalid('probe.invalid_reference', 'A probe refers to an asset or agent that is missing, revoked or of another organisation', issues.slice(0, 200));
  }

  return service;
}

export type ProbeService = ReturnType<typeof createProbeService>;
