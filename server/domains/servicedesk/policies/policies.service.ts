import { sql, type Selectable } from 'kysely';
import {
  SlaPolicyCreateInput as CreateSchema,
  SlaPolicyUpdateInput as UpdateSchema,
  type ContractSlaPolicy,
  type ContractSlaPolicyInput,
  type PriorityMatrixInput,
  type RecomputeResult,
  type SlaPolicyCreateInput,
  type SlaPolicyListQuery,
  type SlaPolicyPage,
  type SlaPolicyRecord,
  type SlaPolicyResolution,
  type SlaPolicyResolveQuery,
  type SlaPolicyUpdateInput,
  type SlaTemplateList,
} from '../../../../shared/schemas/servicedesk.ts';
import { SlaPolicy } from '../../../../shared/schemas/sla.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { localDate } from '../../assets/index.ts';
import { policyFromTemplate } from '../sla/index.ts';
import { assertCalendarUsable, onOrgLine, throwProblems } from '../references.ts';
import type { SlaPoliciesTable } from '../servicedesk.tables.ts';
import { recomputeOpenTickets } from '../tickets/recompute.ts';
import { resolvePolicy, templateList } from './resolve.ts';

// Reading policies needs ticket.read; changing them or attaching them to contracts, ticket.manage.
const READ = 'ticket.read';
const MANAGE = 'ticket.manage';

type Row = Selectable<SlaPoliciesTable>;
type ListedRow = Row & { orgName: string; contractCount: number };

const present = (r: ListedRow): SlaPolicyRecord => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  templateKey: r.templateKey,
  isDefault: r.isDefault,
  version: r.version,
  policy: r.definition,
  contractCount: r.contractCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({ name: r.name, isDefault: r.isDefault, version: r.version, definition: r.definition, deletedAt: r.deletedAt?.toISOString() ?? null });

function nameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('sla_policy.name_taken', 'A policy of this name exists in the organisation');
  throw e;
}

/**
 * SLA policies of organisations: copied from a seed template or written whole, edited (levels, targets, calendar,
 * pause reasons, priority matrix), made the organisation's default, attached to maintenance contracts. A changed
 * definition applies to the tickets still open under it (recomputeOpenTickets); see docs/servicedesk.md.
 */
export function createSlaPolicyService(platform: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const { db, audit, clock } = platform;

  function listed(d: Db) {
    return d
      .selectFrom('slaPolicies as p')
      .innerJoin('organisations as o', 'o.id', 'p.orgId')
      .where('p.deletedAt', 'is', null)
      .selectAll('p')
      .select(['o.name as orgName', sql<number>`(select count(*)::int from sla_contract_policies cp where cp.policy_id = p.id)`.as('contractCount')]);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).where('p.id', '=', id).where(inScope(scopeOf(actor, permission), 'p.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('sla_policy', id);
    return row;
  }

  /** The level keys and pause reasons open tickets under the policy use: a new definition must keep them. */
  async function assertKeepsWhatTicketsUse(d: Db, id: string, next: SlaPolicy): Promise<void> {
    const levels = await d
      .selectFrom('ticketEvents as e')
      .innerJoin('tickets as t', 't.id', 'e.ticketId')
      .select(sql<string>`coalesce(e.details->>'level', e.details->>'to')`.as('level'))
      .distinct()
      .where('t.policyId', '=', id)
      .where('t.status', 'not in', ['resolved', 'closed'])
      .where('e.kind', 'in', ['opened', 'level_changed'])
      .execute();
    const keys = new Set(next.levels.map((l) => l.key));
    const missing = levels.map((l) => l.level).filter((k) => !keys.has(k));
    if (missing.length) throw conflict('sla_policy.level_in_use', `Open tickets use level(s) ${missing.join(', ')}; keep them until those tickets are resolved`, { levels: missing });
    const reasons = await d.selectFrom('tickets').select('pauseReason').distinct().where('policyId', '=', id).where('status', '=', 'pending').execute();
    const reasonKeys = new Set(next.pauseReasons.map((r) => r.key));
    const missingReasons = reasons.flatMap((r) => (r.pauseReason && !reasonKeys.has(r.pauseReason) ? [r.pauseReason] : []));
    if (missingReasons.length) throw conflict('sla_policy.pause_reason_in_use', `Tickets are pending for ${missingReasons.join(', ')}`, { pauseReasons: missingReasons });
  }

  /** Writes a changed definition and/or default flag in one transaction; open tickets follow after commit. */
  async function change(actor: Actor, id: string, next: { definition?: SlaPolicy; isDefault?: boolean }, eventType: string): Promise<SlaPolicyRecord> {
    const before = await getRow(db, actor, id, MANAGE);
    if (next.definition) await assertCalendarUsable(db, before.orgId, next.definition.calendar);
    await db.transaction().execute(async (trx) => {
      if (next.definition) await assertKeepsWhatTicketsUse(trx, id, next.definition);
      if (next.isDefault) await trx.updateTable('slaPolicies').set({ isDefault: false }).where('orgId', '=', before.orgId).where('isDefault', '=', true).where('id', '<>', id).execute();
      const after = await trx
        .updateTable('slaPolicies')
        .set({
          ...(next.definition ? { definition: JSON.stringify(next.definition), name: next.definition.name, version: before.version + 1 } : {}),
          ...(next.isDefault !== undefined ? { isDefault: next.isDefault } : {}),
          updatedAt: clock.now(),
        })
        .where('id', '=', id)
        .where('deletedAt', 'is', null)
        .returningAll()
        .executeTakeFirst()
        .catch(nameTaken);
      if (!after) throw notFound('sla_policy', id);
      await audit.record(trx, subjectOf(actor), { eventType, action: 'update', objectType: 'sla_policy', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
    });
    if (next.definition) await recomputeOpenTickets(platform, { policyId: id });
    return present(await getRow(db, actor, id, MANAGE));
  }

  return {
    /** The ready templates of the four seed tenders, and which one is the platform default. */
    templates(actor: Actor): SlaTemplateList {
      requirePermission(actor, READ);
      return templateList();
    },

    async list(actor: Actor, query: SlaPolicyListQuery): Promise<SlaPolicyPage> {
      const q = db
        .selectFrom('slaPolicies as p')
        .where('p.deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, READ), 'p.org_id', actor, query.orgId))
        .$if(Boolean(query.q), (qb) => qb.where('p.name', 'ilike', `%${query.q}%`));
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        listed(db)
          .where(inScope(scopeOf(actor, READ), 'p.org_id', actor, query.orgId))
          .$if(Boolean(query.q), (qb) => qb.where('p.name', 'ilike', `%${query.q}%`))
          .orderBy('o.name')
          .orderBy('p.name')
          .orderBy('p.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<SlaPolicyRecord> {
      return present(await getRow(db, actor, id, READ));
    },

    /** A policy of an organisation, copied from a template (optionally renamed) or written whole. */
    async create(actor: Actor, input: SlaPolicyCreateInput): Promise<SlaPolicyRecord> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      let definition: SlaPolicy;
      if (body.templateKey !== undefined) {
        const t = policyFromTemplate(body.templateKey);
        if (!t) throw invalid('sla_policy.unknown_template', `No template ${body.templateKey}`, [{ path: ['body', 'templateKey'], message: 'no such template', code: 'unknown_template' }]);
        definition = body.name ? { ...t, name: body.name } : t;
      } else definition = body.policy!;
      await assertCalendarUsable(db, body.orgId, definition.calendar);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        if (body.isDefault) await trx.updateTable('slaPolicies').set({ isDefault: false }).where('orgId', '=', body.orgId).where('isDefault', '=', true).execute();
        const row = await trx
          .insertInto('slaPolicies')
          .values({ orgId: body.orgId, name: definition.name, templateKey: body.templateKey ?? null, definition: JSON.stringify(definition), isDefault: body.isDefault, createdBy: actor.userId, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'sla_policy.create', action: 'create', objectType: 'sla_policy', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row), templateKey: body.templateKey ?? null } });
        return row.id;
      });
      return present(await getRow(db, actor, id, MANAGE));
    },

    /** A new definition (levels, targets, calendar, pause reasons, matrix) and/or the default flag. */
    async update(actor: Actor, id: string, input: SlaPolicyUpdateInput): Promise<SlaPolicyRecord> {
      const body = UpdateSchema.parse(input);
      return change(actor, id, { definition: body.policy, isDefault: body.isDefault }, 'sla_policy.update');
    },

    /** Replaces the impact × urgency matrix; every cell must name a level of the policy. */
    async setPriorityMatrix(actor: Actor, id: string, input: PriorityMatrixInput): Promise<SlaPolicyRecord> {
      const before = await getRow(db, actor, id, MANAGE);
      const checked = SlaPolicy.safeParse({ ...before.definition, priorityMatrix: input.priorityMatrix });
      if (!checked.success) {
        throwProblems(
          'sla_policy.bad_matrix',
          checked.error.issues.map((i) => ({ path: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message, code: i.code, id })),
        );
      }
      return change(actor, id, { definition: checked.data! }, 'sla_policy.matrix_update');
    },

    /** Soft delete; refused while contracts point at it. Tickets opened under it keep their copy. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      if (before.contractCount > 0) throw conflict('sla_policy.in_use', `The policy is attached to ${before.contractCount} contract(s)`, { contractCount: before.contractCount });
      await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('slaPolicies').set({ deletedAt: clock.now(), isDefault: false }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('sla_policy', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'sla_policy.delete', action: 'delete', objectType: 'sla_policy', objectId: id, orgId: before.orgId, riskLevel: 'medium', detail: { before: snapshot(before) } });
      });
    },

    /** Which policy a new ticket of the organisation (about the asset) would get, and why. */
    async resolve(actor: Actor, query: SlaPolicyResolveQuery): Promise<SlaPolicyResolution> {
      await assertInScope(db, actor, READ, query.orgId, 'organisation', query.orgId);
      const r = await resolvePolicy(db, query.orgId, query.assetId ? [query.assetId] : [], localDate(clock.now()));
      const { source, policyName, templateKey, contractId, contractCode, contractName, assetId, defaultOfOrgId, defaultOfOrgName } = r.why;
      return { source, policyId: r.policyId, policyName, templateKey, contractId, contractCode, contractName, assetId, defaultOfOrgId, defaultOfOrgName, why: { 'zh-CN': r.why['zh-CN'], en: r.why.en } };
    },

    async contractPolicy(actor: Actor, contractId: string): Promise<ContractSlaPolicy> {
      await contractIn(db, actor, contractId, READ);
      return contractPolicyOf(db, contractId);
    },

    /**
     * Attaches a policy (of the contract's organisation or an ancestor) to a maintenance contract, or detaches it.
     * Tickets opened from then on for the contract's assets get it; open tickets keep the policy they opened with.
     */
    async setContractPolicy(actor: Actor, contractId: string, input: ContractSlaPolicyInput): Promise<ContractSlaPolicy> {
      const contract = await contractIn(db, actor, contractId, MANAGE);
      if (input.policyId) {
        const usable = await db
          .selectFrom('slaPolicies')
          .select('id')
          .where('id', '=', input.policyId)
          .where('deletedAt', 'is', null)
          .where(onOrgLine('org_id', contract.orgId))
          .where(inScope(scopeOf(actor, MANAGE), 'org_id', actor))
          .executeTakeFirst();
        if (!usable) throwProblems('sla_policy.bad_reference', [{ path: ['body', 'policyId'], message: 'no such SLA policy for the contract\'s organisation', code: 'unknown_policy', id: input.policyId }]);
      }
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('slaContractPolicies').select('policyId').where('contractId', '=', contractId).executeTakeFirst();
        if (input.policyId) {
          const values = { contractId, policyId: input.policyId, orgId: contract.orgId, attachedAt: clock.now(), attachedBy: actor.userId };
          await trx.insertInto('slaContractPolicies').values(values).onConflict((oc) => oc.column('contractId').doUpdateSet({ policyId: values.policyId, attachedAt: values.attachedAt, attachedBy: values.attachedBy })).execute();
        } else await trx.deleteFrom('slaContractPolicies').where('contractId', '=', contractId).execute();
        await audit.record(trx, subjectOf(actor), {
          eventType: input.policyId ? 'sla_policy.attach_contract' : 'sla_policy.detach_contract',
          action: 'update',
          objectType: 'maintenance_contract',
          objectId: contractId,
          orgId: contract.orgId,
          detail: { before: { policyId: before?.policyId ?? null }, after: { policyId: input.policyId } },
        });
      });
      return contractPolicyOf(db, contractId);
    },

    /** Recomputes the stored SLA columns of the open tickets in an organisation's subtree (after a policy change …). */
    async recompute(actor: Actor, orgId: string): Promise<RecomputeResult> {
      await assertInScope(db, actor, MANAGE, orgId, 'organisation', orgId);
      return recomputeOpenTickets(platform, { orgId });
    },
  };
}

async function contractIn(db: Db, actor: Actor, contractId: string, permission: typeof READ | typeof MANAGE) {
  const row = await db.selectFrom('maintenanceContracts').select(['id', 'orgId']).where('id', '=', contractId).where(inScope(scopeOf(actor, permission), 'org_id', actor)).executeTakeFirst();
  if (!row) throw notFound('maintenance_contract', contractId);
  return row;
}

async function contractPolicyOf(db: Db, contractId: string): Promise<ContractSlaPolicy> {
  const row = await db.selectFrom('slaContractPolicies as cp').innerJoin('slaPolicies as p', 'p.id', 'cp.policyId').select(['p.id', 'p.name']).where('cp.contractId', '=', contractId).executeTakeFirst();
  return { contractId, policyId: row?.id ?? null, policyName: row?.name ?? null };
}

export type SlaPolicyService = ReturnType<typeof createSlaPolicyService>;
