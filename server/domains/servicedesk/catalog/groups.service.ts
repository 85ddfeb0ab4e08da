import { sql, type Selectable } from 'kysely';
import {
  AssignmentGroupCreateInput as CreateSchema,
  type AssignmentGroup,
  type AssignmentGroupCreateInput,
  type AssignmentGroupListQuery,
  type AssignmentGroupPage,
  type AssignmentGroupUpdateInput,
} from '../../../../shared/schemas/servicedesk.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { throwProblems, usableUserIds, type Problem } from '../references.ts';
import type { AssignmentGroupsTable } from '../servicedesk.tables.ts';

const READ = 'ticket.read';
const MANAGE = 'ticket.manage';

type Row = Selectable<AssignmentGroupsTable>;
type Member = { userId: string; displayName: string };
type ListedRow = Row & { orgName: string; members: Member[] };

const present = (r: ListedRow): AssignmentGroup => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  description: r.description,
  members: r.members,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const snapshot = (r: Row, members: string[]) => ({ name: r.name, description: r.description, memberIds: members, deletedAt: r.deletedAt?.toISOString() ?? null });

function nameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('assignment_group.name_taken', 'A group of this name exists in the organisation');
  throw e;
}

/** Assignment groups (一线服务台, 驻场组, 网络组 …): who a ticket can be routed to; members see the group's unassigned tickets. */
export function createAssignmentGroupService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const membersSql = sql<Member[]>`coalesce((select json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) order by u.display_name, u.id) from assignment_group_members m join users u on u.id = m.user_id where m.group_id = g.id), '[]'::json)`;
  const listed = (d: Db) =>
    d.selectFrom('assignmentGroups as g').innerJoin('organisations as o', 'o.id', 'g.orgId').where('g.deletedAt', 'is', null).selectAll('g').select(['o.name as orgName', membersSql.as('members')]);

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).where('g.id', '=', id).where(inScope(scopeOf(actor, permission), 'g.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('assignment_group', id);
    return row;
  }

  /** Members must be active people of the group's organisation, above or below it. */
  async function assertMembers(orgId: string, userIds: readonly string[]): Promise<void> {
    const ok = await usableUserIds(db, orgId, userIds, clock.now());
    const problems: Problem[] = userIds.flatMap((id, i) => (ok.has(id) ? [] : [{ path: ['body', 'memberIds', i], message: 'no such active user in this organisation, above or below it', code: 'unknown_user', id }]));
    throwProblems('assignment_group.bad_member', problems);
  }

  async function setMembers(trx: Db, groupId: string, userIds: readonly string[]): Promise<void> {
    await trx.deleteFrom('assignmentGroupMembers').where('groupId', '=', groupId).execute();
    const ids = [...new Set(userIds)];
    if (ids.length) await trx.insertInto('assignmentGroupMembers').values(ids.map((userId) => ({ groupId, userId }))).execute();
  }

  return {
    async list(actor: Actor, query: AssignmentGroupListQuery): Promise<AssignmentGroupPage> {
      const q = db
        .selectFrom('assignmentGroups as g')
        .where('g.deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, READ), 'g.org_id', actor, query.orgId))
        .$if(Boolean(query.q), (qb) => qb.where('g.name', 'ilike', `%${query.q}%`));
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        listed(db)
          .where(inScope(scopeOf(actor, READ), 'g.org_id', actor, query.orgId))
          .$if(Boolean(query.q), (qb) => qb.where('g.name', 'ilike', `%${query.q}%`))
          .orderBy('o.name')
          .orderBy('g.name')
          .orderBy('g.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<AssignmentGroup> {
      return present(await getRow(db, actor, id, READ));
    },

    async create(actor: Actor, input: AssignmentGroupCreateInput): Promise<AssignmentGroup> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      await assertMembers(body.orgId, body.memberIds);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('assignmentGroups')
          .values({ orgId: body.orgId, name: body.name, description: body.description, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await setMembers(trx, row.id, body.memberIds);
        await audit.record(trx, subjectOf(actor), { eventType: 'assignment_group.create', action: 'create', objectType: 'assignment_group', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row, body.memberIds) } });
        return row.id;
      });
      return present(await getRow(db, actor, id, MANAGE));
    },

    /** Name, description and/or the whole member list. */
    async update(actor: Actor, id: string, input: AssignmentGroupUpdateInput): Promise<AssignmentGroup> {
      const before = await getRow(db, actor, id, MANAGE);
      if (input.memberIds) await assertMembers(before.orgId, input.memberIds);
      await db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('assignmentGroups')
          .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}), updatedAt: clock.now() })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch(nameTaken);
        if (!after) throw notFound('assignment_group', id);
        if (input.memberIds) await setMembers(trx, id, input.memberIds);
        const beforeIds = before.members.map((m) => m.userId);
        await audit.record(trx, subjectOf(actor), { eventType: 'assignment_group.update', action: 'update', objectType: 'assignment_group', objectId: id, orgId: before.orgId, detail: { before: snapshot(before, beforeIds), after: snapshot(after, input.memberIds ?? beforeIds) } });
      });
      return present(await getRow(db, actor, id, MANAGE));
    },

    /** Soft delete; refused while open tickets wait on the group. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const open = await trx.selectFrom('tickets').select('id').where('assignmentGroupId', '=', id).where('status', 'not in', ['resolved', 'closed']).limit(1).executeTakeFirst();
        if (open) throw conflict('assignment_group.in_use', 'Open tickets are assigned to this group');
        await trx.updateTable('assignmentGroups').set({ deletedAt: clock.now() }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'assignment_group.delete', action: 'delete', objectType: 'assignment_group', objectId: id, orgId: before.orgId, detail: { before: snapshot(before, before.members.map((m) => m.userId)) } });
      });
    },
  };
}

export type AssignmentGroupService = ReturnType<typeof createAssignmentGroupService>;
