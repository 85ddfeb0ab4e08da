import { sql, type SqlBool } from 'kysely';
import type { SlaCalendarRef } from '../../../shared/schemas/sla.ts';
import type { Db } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';

// What a ticket or a policy of organisation X may point at. Categories, groups, policies and calendars of X or of
// one of X's ancestors (a region's category tree and second-line group serve its hospitals), never a sibling's.
// People and assets may also sit below X (信息科 staff, a department's printer on a hospital ticket).

export interface Problem {
  path: Array<string | number>;
  message: string;
  code: string;
  id: string;
}

/** X and its ancestors, root first; not-found for an unknown organisation. */
export async function orgLine(db: Db, orgId: string): Promise<{ id: string; name: string; ancestorIds: string[] }> {
  const row = await db.selectFrom('organisations').select(['id', 'name', 'ancestorIds']).where('id', '=', orgId).executeTakeFirst();
  if (!row) throw notFound('organisation', orgId);
  return row;
}

/** SQL: organisation column `column` lies on X's line: X, an ancestor of X, or (with `below`) a descendant of X. */
function onLine(column: string, orgId: string, below: boolean) {
  const up = sql<SqlBool>`${sql.ref(column)} = any((select a.ancestor_ids from organisations a where a.id = ${orgId})::uuid[])`;
  if (!below) return up;
  return sql<SqlBool>`(${up} or ${sql.ref(column)} in (select d.id from organisations d where d.ancestor_ids @> array[${orgId}]::uuid[]))`;
}

/** Throws invalid(code) naming every problem with its path, so a form can mark the fields. */
export function throwProblems(code: string, problems: Problem[]): void {
  if (problems.length) throw invalid(code, `${problems.length} reference(s) cannot be used: ${problems.map((p) => p.path.slice(1).join('.')).join(', ')}`, problems);
}

export interface TicketRefs {
  categoryId?: string | null;
  assignmentGroupId?: string | null;
  assigneeId?: string | null;
  assetIds?: readonly string[];
}

/** The problems with the ids a ticket of `orgId` names (unknown, inactive, another branch of the tree, not in the group). */
export async function ticketReferenceProblems(db: Db, orgId: string, refs: TicketRefs, now: Date): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (refs.categoryId) {
    const ok = await db.selectFrom('ticketCategories').select('id').where('id', '=', refs.categoryId).where('isActive', '=', true).where(onLine('org_id', orgId, false)).executeTakeFirst();
    if (!ok) problems.push({ path: ['body', 'categoryId'], message: 'no such active category for this organisation', code: 'unknown_category', id: refs.categoryId });
  }
  if (refs.assignmentGroupId) {
    const ok = await db.selectFrom('assignmentGroups').select('id').where('id', '=', refs.assignmentGroupId).where('deletedAt', 'is', null).where(onLine('org_id', orgId, false)).executeTakeFirst();
    if (!ok) problems.push({ path: ['body', 'assignmentGroupId'], message: 'no such assignment group for this organisation', code: 'unknown_group', id: refs.assignmentGroupId });
  }
  if (refs.assigneeId) {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', refs.assigneeId)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .where(onLine('org_id', orgId, true))
      .executeTakeFirst();
    if (!user) problems.push({ path: ['body', 'assigneeId'], message: 'no such active user in this organisation, above or below it', code: 'unknown_user', id: refs.assigneeId });
    else if (refs.assignmentGroupId) {
      const member = await db.selectFrom('assignmentGroupMembers').select('userId').where('groupId', '=', refs.assignmentGroupId).where('userId', '=', refs.assigneeId).executeTakeFirst();
      if (!member) problems.push({ path: ['body', 'assigneeId'], message: 'the assignee is not a member of the assignment group', code: 'not_in_group', id: refs.assigneeId });
    }
  }
  if (refs.assetIds?.length) {
    const found = await db.selectFrom('assets').select('id').where('id', 'in', [...refs.assetIds]).where(onLine('org_id', orgId, true)).execute();
    const ok = new Set(found.map((r) => r.id));
    refs.assetIds.forEach((id, i) => {
      if (!ok.has(id)) problems.push({ path: ['body', 'assetIds', i], message: 'no such asset in this organisation, above or below it', code: 'unknown_asset', id });
    });
  }
  return problems;
}

/** Throws invalid('ticket.bad_reference') unless every id a ticket of `orgId` names may be used. */
export async function assertTicketReferences(db: Db, orgId: string, refs: TicketRefs, now: Date): Promise<void> {
  throwProblems('ticket.bad_reference', await ticketReferenceProblems(db, orgId, refs, now));
}

/** A policy's custom calendar must be a platform calendar or one of the policy's organisation line, and active. */
export async function assertCalendarUsable(db: Db, orgId: string, ref: SlaCalendarRef): Promise<void> {
  if (typeof ref === 'string') return;
  const ok = await db
    .selectFrom('workCalendars')
    .select('id')
    .where('id', '=', ref.calendarId)
    .where('isActive', '=', true)
    .where((eb) => eb.or([eb('orgId', 'is', null), onLine('org_id', orgId, false)]))
    .executeTakeFirst();
  if (!ok) throwProblems('sla_policy.bad_reference', [{ path: ['body', 'policy', 'calendar', 'calendarId'], message: 'no such active work calendar for this organisation', code: 'unknown_calendar', id: ref.calendarId }]);
}

/** The ids among `userIds` that are active people of X's line (X, above or below it). */
export async function usableUserIds(db: Db, orgId: string, userIds: readonly string[], now: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...userIds])
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where(onLine('org_id', orgId, true))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** SQL for the policy/contract check: `column` is X or an ancestor of X. */
export const onOrgLine = (column: string, orgId: string) => onLine(column, orgId, false);
