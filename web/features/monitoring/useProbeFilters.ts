import { useMemo } from 'react';
import { ProbeKindKey, ProbeState } from '../../../shared/schemas/probes.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { pickParam, useUrlFilters } from '../../app/url-filters.ts';
import type { ProbeFilters } from './monitoring.api.ts';

export type ProbeFilterKey = 'q' | 'kind' | 'state';

/**
 * The probe list's filters and page live in the URL (?state=down&kind=http&page=2), so the list survives opening a
 * probe and coming back, and a "故障" link can be shared. The organisation is the header's scope.
 */
export function useProbeFilters() {
  const { params, page, pageSize, setFilters, setPage, reset, pageSizes } = useUrlFilters<ProbeFilterKey>();
  const scope = useOrgScope();
  const filters: ProbeFilters = useMemo(
    () => ({
      q: params.get('q') || undefined,
      kind: pickParam(ProbeKindKey.options, params.get('kind')),
      state: pickParam(ProbeState.options, params.get('state')),
      orgId: scope.orgId,
    }),
    [params, scope.orgId],
  );
  return { filters, page, pageSize, setFilters, setPage, reset, pageSizes };
}
