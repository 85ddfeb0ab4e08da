import type { Selectable } from 'kysely';
import type { AuditEvent, AuditPolicy, AuditQuery } from '../../../shared/schemas/audit.ts';
import { inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import type { AuditEventsTable } from '../../platform/platform.tables.ts';
import { getAuditPolicy, putSetting } from '../access/index.ts';

type Row = Selectable<AuditEventsTable>;

export const presentAuditEvent = (r: Row): AuditEvent => ({
  seq: r.seq,
  id: r.id,
  occurredAt: r.occurredAt.toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  actorRoles: r.actorRoles,
  orgId: r.orgId,
  ip: r.ip,
  userAgent: r.userAgent,
  sessionRef: r.sessionRef,
  requestId: r.requestId,
  eventType: r.eventType,
  objectType: r.objectType,
  objectId: r.objectId,
  action: r.action,
  result: r.result,
  reason: r.reason,
  riskLevel: r.riskLevel,
  detail: r.detail ?? null,
});

const CSV_COLUMNS = ['seq', 'occurredAt', 'actorName', 'actorRoles', 'ip', 'eventType', 'action', 'objectType', 'objectId', 'result', 'reason', 'riskLevel', 'orgId', 'sessionRef', 'requestId', 'userAgent', 'detail', 'mac'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Leading = + - @ would run as a formula in Excel (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The 审计管理员's view of the audit trail: query, export, verify and retention. */
export function createAuditEventService({ db, audit, clock }: PlatformDeps) {
  function filtered(actor: Actor, query: Omit<AuditQuery, 'page' | 'pageSize'>) {
    const scope = scopeOf(actor, 'audit.read');
    // Platform-level events (no organisation) are part of every audit administrator's remit.
    let q = db.selectFrom('auditEvents').where((eb) => eb.or([eb('orgId', 'is', null), inScope(scope, 'audit_events.org_id', actor) as never]));
    // Organisation filter: the subtree of the chosen organisation, still within the caller's scope.
    if (query.from) q = q.where('occurredAt', '>=', new Date(query.from));
    if (query.to) q = q.where('occurredAt', '<', new Date(query.to));
    if (query.eventType) q = q.where('eventType', 'like', `${query.eventType.replace(/[%_]/g, '')}%`);
    if (query.actor) q = q.where('actorName', 'ilike', `%${query.actor.replace(/[%_]/g, '')}%`);
    if (query.result) q = q.where('result', '=', query.result);
    if (query.objectId) q = q.where('objectId', '=', query.objectId);
    if (query.orgId) q = q.where(inScope(scope, 'audit_events.org_id', actor, query.orgId));
    return q;
  }

  return {
    async list(actor: Actor, query: AuditQuery) {
      const q = filtered(actor, query);
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy('seq', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      await db.transaction().execute((trx) => audit.record(trx, subjectOf(actor), { eventType: 'audit.query', action: 'read', objectType: 'audit_events', detail: { filter: { ...query } } }));
      return { items: rows.map(presentAuditEvent), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** Streams matching events as CSV (UTF-8 with BOM so Excel opens Chinese text), paging by seq to bound memory. */
    async *exportCsv(actor: Actor, query: Omit<AuditQuery, 'page' | 'pageSize'>): AsyncGenerator<string> {
      requirePermission(actor, 'audit.export');
      await db.transaction().execute((trx) => audit.record(trx, subjectOf(actor), { eventType: 'audit.export', action: 'export', objectType: 'audit_events', riskLevel: 'medium', detail: { filter: { ...query } } }));
      yield `\uFEFF${CSV_COLUMNS.join(',')}\n`;
      let before = Number.MAX_SAFE_INTEGER;
      for (;;) {
        const rows = await filtered(actor, query).selectAll().where('seq', '<', before).orderBy('seq', 'desc').limit(1000).execute();
        if (rows.length === 0) return;
        yield rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')).join('\n') + '\n';
        before = rows[rows.length - 1]!.seq;
      }
    },

    async verify(actor: Actor) {
      requirePermission(actor, 'audit.verify');
      const result = await audit.verify(db);
      await db.transaction().execute((trx) =>
        audit.record(trx, subjectOf(actor), { eventType: 'audit.verify', action: 'verify', objectType: 'audit_events', result: result.ok ? 'success' : 'failure', riskLevel: result.ok ? 'low' : 'high', detail: { ...result } }),
      );
      return result;
    },

    async getPolicy(actor: Actor): Promise<AuditPolicy> {
      requirePermission(actor, 'audit.policy');
      return getAuditPolicy(db);
    },

    async updatePolicy(actor: Actor, input: AuditPolicy): Promise<AuditPolicy> {
      requirePermission(actor, 'audit.policy');
      return db.transaction().execute(async (trx) => {
        const before = await getAuditPolicy(trx);
        await putSetting(trx, 'audit_policy', input, actor.userId, clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'audit.policy_update', action: 'update', objectType: 'audit_policy', objectId: 'audit_policy', riskLevel: 'high', detail: { before, after: input } });
        return input;
      });
    },

    /** The retention job: removes events past the retention period, never younger than 180 days. */
    async applyRetention(): Promise<number> {
      const policy = await getAuditPolicy(db);
      return db.transaction().execute(async (trx) => {
        const purged = await audit.purge(trx, policy.retentionDays);
        if (purged > 0) {
          await audit.record(trx, { userId: null, name: 'system', roleKeys: [], ip: null, userAgent: null, sessionRef: null, requestId: null }, { eventType: 'audit.retention', action: 'delete', objectType: 'audit_events', detail: { purged, retentionDays: policy.retentionDays } });
        }
        return purged;
      });
    },
  };
}

export type AuditEventService = ReturnType<typeof createAuditEventService>;
