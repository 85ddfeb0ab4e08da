/** Kysely reads of tickets: every read is scoped by the caller's organisations (or, for reporters, to their own tickets). */
import { sql, type Selectable } from 'kysely';
import { OPEN_TICKET_STATUSES, type TicketListQuery, type TicketStatus } from '../../../../shared/schemas/servicedesk.ts';
import { inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { TicketsTable } from '../servicedesk.tables.ts';

export type TicketRow = Selectable<TicketsTable>;
export type TicketPermission = 'ticket.read' | 'ticket.work' | 'ticket.report';

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Tickets the actor may see with `permission`; reporters (ticket.report) only the ones they reported. */
export function scopedTickets(d: Db, actor: Actor, permission: TicketPermission, withinOrgId?: string) {
  let q = d.selectFrom('tickets as t').where(inScope(scopeOf(actor, permission), 't.org_id', actor, withinOrgId));
  if (permission === 'ticket.report') q = q.where('t.requesterUserId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000');
  return q;
}

/** The name a ticket's timeline shows for the actor: the user's display name (the audit trail keeps the user name). */
export async function actorDisplayName(d: Db, actor: Actor): Promise<string> {
  if (!actor.userId) return actor.name;
  const row = await d.selectFrom('users').select('displayName').where('id', '=', actor.userId).executeTakeFirst();
  return row?.displayName ?? actor.name;
}

/** One ticket row under a row lock, for a change; 404 outside the scope. */
export async function lockTicket(trx: Db, actor: Actor, id: string, permission: TicketPermission): Promise<TicketRow> {
  const row = await scopedTickets(trx, actor, permission).selectAll('t').where('t.id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('ticket', id);
  return row;
}

/** The list columns: the ticket and the names the list shows. */
export function withNames<Q extends ReturnType<typeof scopedTickets>>(q: Q) {
  return q
    .innerJoin('organisations as o', 'o.id', 't.orgId')
    .leftJoin('assignmentGroups as g', 'g.id', 't.assignmentGroupId')
    .leftJoin('users as u', 'u.id', 't.assigneeId')
    .selectAll('t')
    .select(['o.name as orgName', 'g.name as groupName', 'u.displayName as assigneeName']);
}
export type NamedTicketRow = TicketRow & { orgName: string; groupName: string | null; assigneeName: string | null };

/** Everything the detail view shows besides the row: category path, assets, alerts, merged-into number. */
export async function ticketExtras(d: Db, row: TicketRow) {
  const [category, assets, alerts, merged] = await Promise.all([
    row.categoryId
      ? d
          .selectFrom('ticketCategories as c')
          .select(['c.id', sql<string>`(select string_agg(c2.name, ' / ' order by array_position(c.ancestor_ids, c2.id)) from ticket_categories c2 where c2.id = any(c.ancestor_ids))`.as('path')])
          .where('c.id', '=', row.categoryId)
          .executeTakeFirst()
      : undefined,
    d.selectFrom('ticketAssets as ta').leftJoin('assets as a', 'a.id', 'ta.assetId').select(['ta.assetId as id', 'a.code', 'a.name']).where('ta.ticketId', '=', row.id).orderBy('ta.position').execute(),
    d.selectFrom('ticketLinks').select('targetId').where('ticketId', '=', row.id).where('kind', '=', 'alert').orderBy('createdAt').limit(100).execute(),
    row.mergedIntoId ? d.selectFrom('tickets').select(['id', 'number']).where('id', '=', row.mergedIntoId).executeTakeFirst() : undefined,
  ]);
  return {
    category: category ? { id: category.id, path: category.path } : null,
    assets: assets.map((a) => ({ id: a.id, code: a.code ?? '', name: a.name ?? '' })),
    alertIds: alerts.map((a) => a.targetId),
    mergedInto: merged ?? null,
  };
}
export type TicketExtras = Awaited<ReturnType<typeof ticketExtras>>;

/** The list's filters on a scoped query. */
export function filtered(q: ReturnType<typeof scopedTickets>, actor: Actor, query: TicketListQuery, now: Date) {
  if (query.status?.length) {
    const statuses = [...new Set(query.status.flatMap((s): readonly TicketStatus[] => (s === 'open' ? OPEN_TICKET_STATUSES : [s])))];
    q = q.where('t.status', 'in', statuses);
  }
  if (query.type?.length) q = q.where('t.type', 'in', query.type);
  if (query.level?.length) q = q.where('t.levelKey', 'in', query.level);
  if (query.channel?.length) q = q.where('t.channel', 'in', query.channel);
  if (query.assignee === 'me') q = actor.userId ? q.where('t.assigneeId', '=', actor.userId) : q.where(sql<boolean>`false`);
  else if (query.assignee === 'none') q = q.where('t.assigneeId', 'is', null);
  else if (query.assignee) q = q.where('t.assigneeId', '=', query.assignee);
  if (query.groupId) q = q.where('t.assignmentGroupId', '=', query.groupId);
  // The stored breach flag is as of the last change; a running clock that passed its due since then is breached too.
  if (query.breached === true) q = q.where((eb) => eb.or([eb('t.isBreached', '=', true), eb('t.nextBreachAt', '<=', now)]));
  if (query.breached === false) q = q.where('t.isBreached', '=', false).where((eb) => eb.or([eb('t.nextBreachAt', 'is', null), eb('t.nextBreachAt', '>', now)]));
  if (query.assetId) q = q.where('t.id', 'in', (eb) => eb.selectFrom('ticketAssets').select('ticketId').where('assetId', '=', query.assetId!));
  if (query.q) q = q.where('t.searchText', 'like', likePattern(query.q));
  return q;
}
