import { useMemo } from 'react';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertSource, AlertStatus } from '../../../shared/schemas/alerts.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { pickParam, useUrlFilters } from '../../app/url-filters.ts';
import { parseList } from './alert-format.ts';
import type { AlertFilters } from './alerts.api.ts';

export type AlertFilterKey = 'tab' | 'mode' | 'severity' | 'status' | 'source' | 'assetId' | 'from' | 'to' | 'q' | 'suppressed';
export type AlertTab = 'active' | 'history';
export type AlertViewMode = 'list' | 'groups';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isIso = (v: string | null): v is string => Boolean(v && !Number.isNaN(Date.parse(v)));

/**
 * The alert center's tab, view and filters live in the URL (?tab=history&severity=P1,P2&suppressed=1), so the list
 * survives opening an alert and coming back, and a "一级告警" link can be shared. The organisation is the header's scope.
 */
export function useAlertFilters() {
  const { params, page, pageSize, setFilters, setPage, reset, pageSizes } = useUrlFilters<AlertFilterKey>();
  const scope = useOrgScope();
  const tab: AlertTab = pickParam(['active', 'history'] as const, params.get('tab')) ?? 'active';
  const mode: AlertViewMode = tab === 'active' ? (pickParam(['list', 'groups'] as const, params.get('mode')) ?? 'list') : 'list';
  const filters: AlertFilters = useMemo(() => {
    const assetId = params.get('assetId');
    const from = params.get('from');
    const to = params.get('to');
    return {
      view: tab,
      severity: parseList(AlertSeverity.options, params.get('severity')),
      // a resolved alert is all history has, so the status filter only applies to the active tab
      status: tab === 'active' ? parseList(AlertStatus.options.filter((s) => s !== 'resolved'), params.get('status')) : undefined,
      source: parseList(AlertSource.options, params.get('source')),
      assetId: assetId && UUID.test(assetId) ? assetId : undefined,
      from: tab === 'history' && isIso(from) ? from : undefined,
      to: tab === 'history' && isIso(to) ? to : undefined,
      q: params.get('q') || undefined,
      isSuppressedShown: params.get('suppressed') === '1',
      orgId: scope.orgId,
    };
  }, [params, scope.orgId, tab]);
  const isFiltered = Boolean(filters.severity || filters.status || filters.source || filters.assetId || filters.from || filters.to || filters.q);
  return { tab, mode, filters, isFiltered, page, pageSize, setFilters, setPage, reset, pageSizes };
}
