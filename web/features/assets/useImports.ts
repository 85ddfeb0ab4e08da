import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssetImportUpdateInput } from '../../../shared/schemas/asset-imports.ts';
import { assetsKey } from './assets.api.ts';
import {
  commitImport,
  createImport,
  discardImport,
  fetchImport,
  importKey,
  importRowsKey,
  importsKey,
  listImportRows,
  listImports,
  skipAllErrorRows,
  updateImport,
  type ImportRowsQuery,
  type ImportUpload,
} from './imports.api.ts';

export function useImports(query: { page: number; pageSize: number; orgId?: string }) {
  return useQuery({ queryKey: [...importsKey, 'list', query], queryFn: () => listImports(query), placeholderData: keepPreviousData });
}

export function useImport(id: string | undefined) {
  return useQuery({ queryKey: importKey(id ?? ''), queryFn: () => fetchImport(id ?? ''), enabled: Boolean(id) });
}

export function useImportRows(id: string, query: ImportRowsQuery) {
  return useQuery({ queryKey: importRowsKey(id, query), queryFn: () => listImportRows(id, query), placeholderData: keepPreviousData });
}

/** Each step changes the preview (counts and rows) of one import; a commit also changes the ledger. */
export function useImportMutations() {
  const qc = useQueryClient();
  const refresh = async (id: string) => {
    await qc.invalidateQueries({ queryKey: importKey(id) });
    await qc.invalidateQueries({ queryKey: [...importsKey, 'list'] });
  };
  return {
    upload: useMutation({ mutationFn: (input: ImportUpload) => createImport(input), onSuccess: () => qc.invalidateQueries({ queryKey: importsKey }) }),
    update: useMutation({
      mutationFn: ({ id, input }: { id: string; input: AssetImportUpdateInput }) => updateImport(id, input),
      onSuccess: (imp) => {
        qc.setQueryData(importKey(imp.id), imp);
        return qc.invalidateQueries({ queryKey: [...importKey(imp.id), 'rows'] });
      },
    }),
    skipAllErrors: useMutation({
      mutationFn: (id: string) => skipAllErrorRows(id),
      onSuccess: (imp) => {
        qc.setQueryData(importKey(imp.id), imp);
        return qc.invalidateQueries({ queryKey: [...importKey(imp.id), 'rows'] });
      },
    }),
    commit: useMutation({
      mutationFn: (id: string) => commitImport(id),
      onSuccess: async (imp) => {
        qc.setQueryData(importKey(imp.id), imp);
        await refresh(imp.id);
        await qc.invalidateQueries({ queryKey: assetsKey });
      },
    }),
    discard: useMutation({ mutationFn: (id: string) => discardImport(id), onSuccess: (_r, id) => refresh(id) }),
  };
}
