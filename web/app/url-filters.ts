import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 20, 50, 100];

/** The value when it is one of `allowed`, else undefined (a hand-edited URL cannot inject a bad filter). */
export const pickParam = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * A list page's filters and paging kept in the URL (?state=down&page=2), so a list survives opening an item and
 * coming back, and can be shared. Changing a filter goes back to page 1.
 */
export function useUrlFilters<K extends string>() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  /** Changes some filters and goes back to page 1. */
  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined | null>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as Array<[string, string | undefined | null]>) {
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
  return { params, setParams, page, pageSize, setFilters, setPage, reset, pageSizes: PAGE_SIZES };
}
