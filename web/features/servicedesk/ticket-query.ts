import type { TicketChannel, TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';

/** The ticket list's filters as the page holds them; lists are sent comma-joined. */
export type TicketFilters = {
  status?: Array<TicketStatus | 'open'>;
  type?: TicketType[];
  level?: string[];
  channel?: TicketChannel[];
  orgId?: string;
  assignee?: 'me' | 'none';
  groupId?: string;
  isBreachedOnly?: boolean;
  assetId?: string;
  q?: string;
  sort?: 'nearestBreach' | 'createdAt' | '-createdAt';
};

/** The query string of a filter: empty lists left out, `breached` only when asked for (true). */
export function ticketQuery(f: TicketFilters & { page?: number; pageSize?: number }) {
  const csv = (list: readonly string[] | undefined) => (list?.length ? list.join(',') : undefined);
  return {
    status: csv(f.status),
    type: csv(f.type),
    level: csv(f.level),
    channel: csv(f.channel),
    orgId: f.orgId,
    assignee: f.assignee,
    groupId: f.groupId,
    breached: f.isBreachedOnly ? 'true' : undefined,
    assetId: f.assetId,
    q: f.q,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
  };
}
