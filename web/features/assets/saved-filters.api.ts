import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import { SavedFilter, type SavedFilterCreateInput, type SavedFilterPage } from '../../../shared/schemas/saved-filters.ts';

export const savedFiltersKey = (page: SavedFilterPage) => ['saved-filters', page] as const;
const SavedFilterList = z.object({ items: z.array(SavedFilter) });

/** The current user's own filters for one list page, newest first. */
export async function listSavedFilters(page: SavedFilterPage): Promise<SavedFilter[]> {
  return parse(SavedFilterList, await api.get('/api/saved-filters', { page })).items;
}

export async function createSavedFilter(input: SavedFilterCreateInput): Promise<SavedFilter> {
  return parse(SavedFilter, await api.post('/api/saved-filters', input));
}

export async function deleteSavedFilter(id: string): Promise<void> {
  await api.delete(`/api/saved-filters/${encodeURIComponent(id)}`);
}

export function useSavedFilters(page: SavedFilterPage) {
  return useQuery({ queryKey: savedFiltersKey(page), queryFn: () => listSavedFilters(page) });
}

export function useSavedFilterMutations(page: SavedFilterPage) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: savedFiltersKey(page) });
  return {
    create: useMutation({ mutationFn: (input: Omit<SavedFilterCreateInput, 'page'>) => createSavedFilter({ ...input, page }), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteSavedFilter(id), onSuccess }),
  };
}

/** Two queries are the same filter whatever the order of their keys. */
export function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}
