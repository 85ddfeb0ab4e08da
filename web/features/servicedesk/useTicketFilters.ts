import { useMemo } from 'react';
import { TicketChannel, TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { pickParam, useUrlFilters } from '../../app/url-filters.ts';
import { parseList } from '../alerts/alert-format.ts';
import type { TicketFilters } from './tickets.api.ts';

export type TicketFilterKey = 'status' | 'type' | 'level' | 'channel' | 'assignee' | 'breached' | 'assetId' | 'q' | 'sort';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEVEL_KEY = /^[a-z0-9_]{1,40}$/;
const STATUSES = [...TicketStatus.options, 'open'] as const;

/**
 * The ticket list's filters, sort and page live in the URL (?status=open&assignee=me&breached=1), so the list
 * survives opening a ticket and coming back, and "我的超时工单" can be shared. The organisation is the header's scope.
 */
export function useTicketFilters() {
  const { params, page, pageSize, setFilters, setPage, reset, pageSizes } = useUrlFilters<TicketFilterKey>();
  const scope = useOrgScope();
  const filters: TicketFilters = useMemo(() => {
    const assetId = params.get('assetId');
    const level = (params.get('level') ?? '').split(',').filter((l) => LEVEL_KEY.test(l));
    return {
      status: parseList(STATUSES, params.get('status')),
      type: parseList(TicketType.options, params.get('type')),
      level: level.length ? [...new Set(level)] : undefined,
      channel: parseList(TicketChannel.options, params.get('channel')),
      assignee: pickParam(['me', 'none'] as const, params.get('assignee')),
      isBreachedOnly: params.get('breached') === '1',
      assetId: assetId && UUID.test(assetId) ? assetId : undefined,
      q: params.get('q') || undefined,
      sort: pickParam(['nearestBreach', 'createdAt', '-createdAt'] as const, params.get('sort')) ?? 'nearestBreach',
      orgId: scope.orgId,
    };
  }, [params, scope.orgId]);
  const isFiltered = Boolean(filters.status || filters.type || filters.level || filters.channel || filters.assignee || filters.isBreachedOnly || filters.assetId || filters.q);
  return { filters, isFiltered, page, pageSize, setFilters, setPage, reset, pageSizes };
}
