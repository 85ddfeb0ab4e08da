import { useCallback, useEffect, useMemo, useRef } from 'react';
import { AssetImportance, AssetSort, AssetStatus, XinchuangState } from '../../../shared/schemas/assets.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { pickParam as pick, useUrlFilters } from '../../app/url-filters.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { useOrganisations } from '../organisations/useOrganisations.ts';
import type { AssetFilters, WarrantyFilter, XinchuangDimensionFilter } from './assets.api.ts';

const WARRANTY: WarrantyFilter[] = ['in', 'out', 'expiring30', 'expiring90', 'unknown'];
const DIMENSIONS: XinchuangDimensionFilter[] = ['overall', 'cpu', 'os', 'database', 'middleware'];
/** The query-string keys the filter bar and the table's sorter write. */
export const FILTER_KEYS = ['q', 'kind', 'locationId', 'status', 'warranty', 'importance', 'xinchuang', 'xinchuangOn', 'contractId', 'vendorId', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const text = (value: string | null) => value || undefined;

/**
 * The ledger's filters and page live in the URL (?kind=server&warranty=out&page=2), so a filtered list survives
 * opening an asset and coming back, and can be shared. The organisation comes from the header's scope.
 */
export function useAssetFilters() {
  const { params, setParams, page, pageSize, setFilters, setPage, reset } = useUrlFilters<FilterKey>();
  const scope = useOrgScope();
  const filters: AssetFilters = useMemo(
    () => ({
      q: text(params.get('q')),
      kind: text(params.get('kind')),
      orgId: scope.orgId,
      locationId: text(params.get('locationId')),
      status: pick(AssetStatus.options, params.get('status')),
      warranty: pick(WARRANTY, params.get('warranty')),
      importance: pick(AssetImportance.options, params.get('importance')),
      xinchuang: pick(XinchuangState.options, params.get('xinchuang')),
      xinchuangOn: pick(DIMENSIONS, params.get('xinchuangOn')),
      contractId: text(params.get('contractId')),
      vendorId: text(params.get('vendorId')),
      sort: pick(AssetSort.options, params.get('sort')),
    }),
    [params, scope.orgId],
  );
  // Another organisation picked in the header: its locations and contracts differ, and page 7 may not exist there.
  // The scope also "changes" once when the organisations first load (the remembered one is confirmed): not a pick.
  const me = useMe();
  const orgsLoaded = useOrganisations(can(me, 'org.read')).isSuccess;
  const lastScope = useRef(scope.orgId);
  const wasLoaded = useRef(orgsLoaded);
  useEffect(() => {
    const isPick = wasLoaded.current && lastScope.current !== scope.orgId;
    lastScope.current = scope.orgId;
    wasLoaded.current = orgsLoaded;
    if (!isPick) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        ['page', 'locationId', 'contractId'].forEach((k) => next.delete(k));
        return next;
      },
      { replace: true },
    );
  }, [scope.orgId, orgsLoaded, setParams]);

  /** The filter keys set in the URL, as a saved filter stores them (no page / pageSize; the organisation is the header's). */
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) q[key] = value;
    }
    return q;
  }, [params]);
  /** Replaces the filters with a saved query and goes back to page 1 (the page size is kept). */
  const applyQuery = useCallback(
    (saved: Record<string, string>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams();
          for (const key of FILTER_KEYS) if (saved[key]) next.set(key, saved[key]);
          const size = prev.get('pageSize');
          if (size) next.set('pageSize', size);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, page, pageSize, setFilters, setPage, reset, query, applyQuery };
}
