import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ProbeKindKey, ProbeState } from '../../../shared/schemas/probes.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import type { ProbeFilters } from './monitoring.api.ts';

export type ProbeFilterKey = 'q' | 'kind' | 'state';
const PAGE_SIZES = [10, 20, 50, 100];

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined => (value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined);

/**
 * The probe list's filters and page live in the URL (?state=down&kind=http&page=2), so the list survives opening a
 * probe and coming back, and a "故障" link can be shared. The organisation is the header's scope.
 */
export function useProbeFilters() {
  const [params, setParams] = useSearchParams();
  const scope = useOrgScope();
  const filters: ProbeFilters = useMemo(
    () => ({
      q: params.get('q') || undefined,
      kind: pick(ProbeKindKey.options, params.get('kind')),
      state: pick(ProbeState.options, params.get('state')),
      orgId: scope.orgId,
    }),
    [params, scope.orgId],
  );
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  /** Changes some filters and goes back to page 1. */
  const setFilters = useCallback(
    (patch: Partial<Record<ProbeFilterKey, string | undefined | null>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setPage = useCallback(
    (p: number, size: number) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('page', String(p));
          next.set('pageSize', String(size));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, page, pageSize, setFilters, setPage, reset, pageSizes: PAGE_SIZES };
}
