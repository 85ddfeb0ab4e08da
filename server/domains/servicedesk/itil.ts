/**
 * What problems, changes and articles share: their numbers, their timelines, the organisation-line rule for links,
 * and the ticket side of a link (a ticket_links row and a ticket event, written in the caller's transaction).
 */
import { sql, type SqlBool } from 'kysely';
import type { ArticleRef, ChangeRef, ItilEventPage, ProblemRef, TicketRef } from '../../../shared/schemas/servicedesk-itil.ts';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { localDate } from '../assets/index.ts';
import { actorDisplayName, scopedTickets, type TicketPermission } from './tickets/tickets.repository.ts';

export const READ = 'ticket.read';
export const WORK = 'ticket.work';

/** Who acts, as timelines record it. */
export interface Who {
  actorId: string | null;
  actorName: string;
}
export const whoOf = async (d: Db, actor: Actor): Promise<Who> => ({ actorId: actor.userId, actorName: await actorDisplayName(d, actor) });

/** The next number of the organisation's sequence for a prefix and the year (Beijing time): PRB-2026-000001. */
export async function nextNumber(trx: Db, orgId: string, prefix: 'PRB' | 'CHG', now: Date): Promise<string> {
  const year = Number(localDate(now).slice(0, 4));
  const row = await trx
    .insertInto('ticketNumberSequences')
    .values({ orgId, prefix, year, lastValue: 1 })
    .onConflict((oc) => oc.columns(['orgId', 'prefix', 'year']).doUpdateSet({ lastValue: sql<number>`ticket_number_sequences.last_value + 1` }))
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.lastValue).padStart(6, '0')}`;
}

/** `%q%` for ILIKE/LIKE, with the pattern characters of q escaped. */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** True when one organisation is the other or one of its ancestors (the two lie on one line of the tree). */
export async function onSameLine(d: Db, a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const row = await d
    .selectFrom('organisations as x')
    .innerJoin('organisations as y', (j) => j.onTrue())
    .select('x.id')
    .where('x.id', '=', a)
    .where('y.id', '=', b)
    .where(sql<SqlBool>`(x.ancestor_ids @> array[y.id] or y.ancestor_ids @> array[x.id])`)
    .executeTakeFirst();
  return row !== undefined;
}

/** SQL: organisation column `column` is X or an ancestor of X (what X's line above it offers: templates, freezes, articles). */
export const atOrAbove = (column: string, orgId: string) => sql<SqlBool>`${sql.ref(column)} = any((select a.ancestor_ids from organisations a where a.id = ${orgId})::uuid[])`;

/**
 * SQL: an organisation column in the actor's scope for `permission`, or an ancestor of an organisation in it — what
 * applies from above (a region's freeze periods, its published articles).
 */
export function inScopeOrAbove(actor: Actor, permission: typeof READ | typeof WORK, column: string) {
  const scope = scopeOf(actor, permission);
  if (actor.kind === 'system') return sql<SqlBool>`true`;
  if (scope.roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${inScope(scope, column, actor)} or ${sql.ref(column)} in (select unnest(r.ancestor_ids) from organisations r where r.id = any(${sql.val(scope.roots)}::uuid[])))`;
}

export const timelinePage = (rows: Array<{ id: number; kind: string; at: Date; actorName: string; details: Record<string, unknown> }>, total: number, page: number, pageSize: number): ItilEventPage => ({
  items: rows.map((r) => ({ id: r.id, kind: r.kind, at: r.at.toISOString(), actorName: r.actorName, details: r.details })),
  total,
  page,
  pageSize,
});

// ---- references as lists show them ----------------------------------------------------------------------------------

/** Tickets linked to a problem or a change (kind 'problem' / 'change'), those the actor may read. */
export async function linkedTickets(d: Db, actor: Actor, kind: 'problem' | 'change', targetId: string): Promise<TicketRef[]> {
  const rows = await scopedTickets(d, actor, READ)
    .innerJoin('ticketLinks as l', 'l.ticketId', 't.id')
    .select(['t.id', 't.number', 't.title', 't.status', 't.orgId'])
    .where('l.kind', '=', kind)
    .where('l.targetId', '=', targetId)
    .orderBy('t.openedAt')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, status: r.status, orgId: r.orgId }));
}

export const problemRefs = (d: Db, actor: Actor) =>
  d.selectFrom('problems as p').select(['p.id', 'p.number', 'p.title', 'p.status', 'p.isKnownError']).where(inScope(scopeOf(actor, READ), 'p.org_id', actor));
export const toProblemRef = (r: { id: string; number: string; title: string; status: ProblemRef['status']; isKnownError: boolean }): ProblemRef => ({ id: r.id, number: r.number, title: r.title, status: r.status, isKnownError: r.isKnownError });

export const changeRefs = (d: Db, actor: Actor) => d.selectFrom('changes as c').select(['c.id', 'c.number', 'c.title', 'c.class', 'c.status']).where(inScope(scopeOf(actor, READ), 'c.org_id', actor));
export const toChangeRef = (r: { id: string; number: string; title: string; class: ChangeRef['class']; status: ChangeRef['status'] }): ChangeRef => ({ id: r.id, number: r.number, title: r.title, class: r.class, status: r.status });

/** Articles the actor may read: drafts in scope, published ones in scope or from above it. */
export function readableArticles(d: Db, actor: Actor) {
  return d
    .selectFrom('knowledgeArticles as k')
    .where((eb) => eb.or([eb.and([eb('k.status', '=', 'published'), inScopeOrAbove(actor, READ, 'k.org_id')]), inScope(scopeOf(actor, READ), 'k.org_id', actor)]));
}
export const toArticleRef = (r: { id: string; title: string; status: ArticleRef['status'] }): ArticleRef => ({ id: r.id, title: r.title, status: r.status });

// ---- the ticket side of a link --------------------------------------------------------------------------------------

export interface LinkTarget {
  kind: 'problem' | 'change';
  id: string;
  number: string;
  orgId: string;
}

/**
 * A ticket the actor works on, for linking to `target`; invalid (`code`, naming body.ticketId) when the actor cannot
 * work on it or it lies on another line of the organisation tree.
 */
async function linkableTicket(trx: Db, actor: Actor, ticketId: string, target: LinkTarget, permission: TicketPermission = WORK) {
  const ticket = await scopedTickets(trx, actor, permission).select(['t.id', 't.orgId', 't.number']).where('t.id', '=', ticketId).forUpdate().executeTakeFirst();
  if (!ticket) throw invalid(`${target.kind}.bad_ticket`, 'No such ticket to link', [{ path: ['body', 'ticketId'], message: 'no such ticket', code: 'unknown_ticket' }]);
  if (!(await onSameLine(trx, ticket.orgId, target.orgId))) {
    throw invalid(`${target.kind}.bad_ticket`, `Ticket ${ticket.number} belongs to another branch of the organisation tree`, [{ path: ['body', 'ticketId'], message: 'another branch of the organisation tree', code: 'other_org' }]);
  }
  return ticket;
}

/** Links a ticket to a problem or change: a ticket_links row and a `<kind>_linked` event on the ticket. Answers the ticket. */
export async function linkTicket(trx: Db, actor: Actor, ticketId: string, target: LinkTarget, who: Who, now: Date) {
  const ticket = await linkableTicket(trx, actor, ticketId, target);
  const inserted = await trx.insertInto('ticketLinks').values({ ticketId: ticket.id, kind: target.kind, targetId: target.id, createdAt: now, createdBy: actor.userId }).onConflict((oc) => oc.doNothing()).returning('ticketId').executeTakeFirst();
  if (!inserted) throw conflict('link.exists', `Ticket ${ticket.number} is already linked to ${target.number}`);
  await trx.insertInto('ticketEvents').values({ ticketId: ticket.id, orgId: ticket.orgId, kind: `${target.kind}_linked`, at: now, recordedAt: now, ...who, details: JSON.stringify({ [`${target.kind}Id`]: target.id, number: target.number }) }).execute();
  await trx.updateTable('tickets').set({ updatedAt: now }).where('id', '=', ticket.id).execute();
  return ticket;
}

/** Removes a ticket's link to a problem or change (404 when there is none the actor can see) and notes it on the ticket. */
export async function unlinkTicket(trx: Db, actor: Actor, ticketId: string, target: LinkTarget, who: Who, now: Date) {
  const ticket = await scopedTickets(trx, actor, WORK).select(['t.id', 't.orgId', 't.number']).where('t.id', '=', ticketId).forUpdate().executeTakeFirst();
  const removed = ticket ? await trx.deleteFrom('ticketLinks').where('ticketId', '=', ticket.id).where('kind', '=', target.kind).where('targetId', '=', target.id).returning('ticketId').executeTakeFirst() : undefined;
  if (!ticket || !removed) throw notFound('ticket_link', ticketId);
  await trx.insertInto('ticketEvents').values({ ticketId: ticket.id, orgId: ticket.orgId, kind: `${target.kind}_unlinked`, at: now, recordedAt: now, ...who, details: JSON.stringify({ [`${target.kind}Id`]: target.id, number: target.number }) }).execute();
  await trx.updateTable('tickets').set({ updatedAt: now }).where('id', '=', ticket.id).execute();
  return ticket;
}

/** The strip of Markdown marks an excerpt shows: headings, emphasis, links, code fences, list bullets. */
export function excerptOf(markdown: string, max = 200): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
