import { sql } from 'kysely';
import type { Organisation, OrganisationCreateInput, OrganisationListQuery, OrganisationUpdateInput } from '../../../shared/schemas/organisations.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import { reparentSubtree } from '../../platform/tree.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/mask.ts';
import type { OrganisationsTable } from './organisations.tables.ts';
import type { Selectable } from 'kysely';

type Row = Selectable<OrganisationsTable>;
const PHONE_CONTEXT = 'organisations.contact_phone';

// Which kinds may hang under which: departments belong to institutions; regions nest.
const ALLOWED_PARENT: Record<string, Array<string | null>> = {
  region: [null, 'region'],
  institution: ['region', 'institution'],
  department: ['institution', 'department'],
};

/** The organisation tree: regions, institutions and departments, each a tenant boundary. */
export function createOrganisationService({ db, audit, secrets, clock }: PlatformDeps) {
  const present = (row: Row): Organisation => ({
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    name: row.name,
    level: (row.level ?? null) as Organisation['level'],
    contactName: row.contactName,
    contactPhone: row.contactPhoneSealed ? maskPhone(secrets.open(row.contactPhoneSealed, PHONE_CONTEXT)) : null,
    address: row.address,
    isActive: row.isActive,
    path: row.ancestorIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
  const snapshot = (row: Row) => ({ ...row, contactPhoneSealed: row.contactPhoneSealed ? '***' : null });

  async function getRow(actor: Actor, id: string, permission: 'org.read' | 'org.manage') {
    const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('organisation', id);
    await assertInScope(db, actor, permission, row.id, 'organisation', id);
    return row;
  }

  return {
    present,
    async list(actor: Actor, query: OrganisationListQuery): Promise<Organisation[]> {
      const scope = scopeOf(actor, 'org.read');
      let q = db.selectFrom('organisations').selectAll().where(inScope(scope, 'organisations.id', actor));
      if (query.kind) q = q.where('kind', '=', query.kind);
      if (query.parentId) q = q.where('parentId', '=', query.parentId);
      if (query.q) q = q.where((eb) => eb.or([eb('name', 'ilike', `%${query.q}%`), eb('code', 'ilike', `%${query.q}%`)]));
      const rows = await q.orderBy(sql`array_length(ancestor_ids, 1)`).orderBy('code').limit(10_000).execute();
      return rows.map(present);
    },

    async get(actor: Actor, id: string): Promise<Organisation> {
      return present(await getRow(actor, id, 'org.read'));
    },

    async create(actor: Actor, input: OrganisationCreateInput): Promise<Organisation> {
      requirePermission(actor, 'org.manage');
      const parent = input.parentId ? await getRow(actor, input.parentId, 'org.manage') : null;
      // A root region is platform-level: only an actor whose grant already spans everything may add one.
      if (!parent && actor.kind !== 'system') throw new AppError('invalid', 'organisation.bad_parent', 'Choose a parent organisation');
      if (!ALLOWED_PARENT[input.kind]!.includes(parent?.kind ?? null)) {
        throw new AppError('invalid', 'organisation.bad_parent', `A ${input.kind} cannot be placed under a ${parent?.kind ?? 'root'}`);
      }
      return db.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        const now = clock.now();
        const row = await trx
          .insertInto('organisations')
          .values({
            id,
            parentId: parent?.id ?? null,
            ancestorIds: [...(parent?.ancestorIds ?? []), id],
            kind: input.kind,
            code: input.code,
            name: input.name,
            level: input.level ?? null,
            contactName: input.contactName ?? null,
            contactPhoneSealed: input.contactPhone ? secrets.seal(input.contactPhone, PHONE_CONTEXT) : null,
            address: input.address ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'organisation.create', action: 'create', objectType: 'organisation', objectId: id, orgId: id, detail: { after: snapshot(row) } });
        return present(row);
      });
    },

    async update(actor: Actor, id: string, input: OrganisationUpdateInput): Promise<Organisation> {
      const before = await getRow(actor, id, 'org.manage');
      let ancestorIds = before.ancestorIds;
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        if (input.parentId === null) throw new AppError('invalid', 'organisation.bad_parent', 'An organisation cannot become a root');
        const parent = await getRow(actor, input.parentId, 'org.manage');
        if (parent.ancestorIds.includes(id)) throw new AppError('invalid', 'organisation.bad_parent', 'An organisation cannot move under itself');
        if (!ALLOWED_PARENT[before.kind]!.includes(parent.kind)) throw new AppError('invalid', 'organisation.bad_parent', `A ${before.kind} cannot be placed under a ${parent.kind}`);
        ancestorIds = [...parent.ancestorIds, id];
      }
      return db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .updateTable('organisations')
          .set({
            ...(input.parentId !== undefined ? { parentId: input.parentId, ancestorIds } : {}),
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.level !== undefined ? { level: input.level } : {}),
            ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
            ...(input.contactPhone !== undefined ? { contactPhoneSealed: input.contactPhone ? secrets.seal(input.contactPhone, PHONE_CONTEXT) : null } : {}),
            ...(input.address !== undefined ? { address: input.address } : {}),
            ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
            updatedAt: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        if (ancestorIds !== before.ancestorIds) await reparentSubtree(trx, 'organisations', id, before.ancestorIds.length, ancestorIds);
        await audit.record(trx, subjectOf(actor), { eventType: 'organisation.update', action: 'update', objectType: 'organisation', objectId: id, orgId: id, detail: { before: snapshot(before), after: snapshot(row) } });
        return present(row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(actor, id, 'org.manage');
      const child = await db.selectFrom('organisations').select('id').where('parentId', '=', id).limit(1).executeTakeFirst();
      const user = await db.selectFrom('users').select('id').where('orgId', '=', id).limit(1).executeTakeFirst();
      if (child || user) throw conflict('organisation.not_empty', 'The organisation still has children or users');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('organisations').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'organisation.delete', action: 'delete', objectType: 'organisation', objectId: id, orgId: before.parentId, detail: { before: snapshot(before) }, riskLevel: 'medium' });
      });
    },
  };
}

function rethrowCodeTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('organisation.code_taken', 'The organisation code is taken');
  throw e;
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
