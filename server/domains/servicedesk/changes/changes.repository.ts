/** Kysely reads of changes: every read is scoped by the caller's organisations. */
import { sql, type Selectable } from 'kysely';
import type { ChangeListItem } from '../../../../shared/schemas/servicedesk-itil.ts';
import { can, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { ChangesTable } from '../itil.tables.ts';
import type { READ, WORK } from '../itil.ts';
import { awaitingRetroApproval } from './rules.ts';

export type ChangeRow = Selectable<ChangesTable>;
export type ChangePermission = typeof READ | typeof WORK;
export type NamedChangeRow = ChangeRow & { orgName: string; implementerName: string | null };

/** Changes the actor may see with `permission`. */
export const scopedChanges = (d: Db, actor: Actor, permission: ChangePermission, withinOrgId?: string) => d.selectFrom('changes as c').where(inScope(scopeOf(actor, permission), 'c.org_id', actor, withinOrgId));

/** Changes the actor may decide on: in the scope of change.approve, or naming the actor as an approver. */
export const decidableChanges = (d: Db, actor: Actor) =>
  d
    .selectFrom('changes as c')
    .where((eb) =>
      eb.or([
        inScope(scopeOf(actor, 'change.approve'), 'c.org_id', actor),
        eb.exists(eb.selectFrom('changeApprovals as ap').select(sql`1`.as('one')).whereRef('ap.changeId', '=', 'c.id').where('ap.approverId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')),
      ]),
    );

/** One change under a row lock, for a change by someone working on it; 404 outside the scope. */
export async function lockChange(trx: Db, actor: Actor, id: string): Promise<ChangeRow> {
  const row = await scopedChanges(trx, actor, 'ticket.work').selectAll('c').where('c.id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('change', id);
  return row;
}

/** One change under a row lock, for an approver's decision; 404 unless the actor may decide on it. */
export async function lockDecidable(trx: Db, actor: Actor, id: string): Promise<ChangeRow> {
  const row = await decidableChanges(trx, actor).selectAll('c').where('c.id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('change', id);
  return row;
}

/** The list columns: the change and the names the list shows. */
export function withNames<Q extends ReturnType<typeof scopedChanges>>(q: Q) {
  return q.innerJoin('organisations as o', 'o.id', 'c.orgId').leftJoin('users as iu', 'iu.id', 'c.implementerId').selectAll('c').select(['o.name as orgName', 'iu.displayName as implementerName']);
}

export const presentChangeListItem = (r: NamedChangeRow): ChangeListItem => ({
  id: r.id,
  number: r.number,
  orgId: r.orgId,
  orgName: r.orgName,
  class: r.class,
  status: r.status,
  approvalState: r.approvalState,
  title: r.title,
  windowStart: r.windowStart?.toISOString() ?? null,
  windowEnd: r.windowEnd?.toISOString() ?? null,
  implementer: r.implementerId ? { id: r.implementerId, name: r.implementerName ?? '' } : null,
  awaitingRetroApproval: awaitingRetroApproval(r),
  outcome: r.outcome,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Changes the actor may read: in the scope of ticket.read, or naming the actor as an approver (a clinical head's
 * sign-off; an approver may even hold change.approve alone).
 */
export const readableChanges = (d: Db, actor: Actor) =>
  d
    .selectFrom('changes as c')
    .where((eb) =>
      eb.or([
        inScope(can(actor, 'ticket.read') ? scopeOf(actor, 'ticket.read') : { roots: [] }, 'c.org_id', actor),
        eb.exists(eb.selectFrom('changeApprovals as ap').select(sql`1`.as('one')).whereRef('ap.changeId', '=', 'c.id').where('ap.approverId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')),
      ]),
    );
