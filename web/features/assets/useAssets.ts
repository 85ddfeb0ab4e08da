import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssetBulkInput, AssetRelationCreateInput, AssetUpdateInput } from '../../../shared/schemas/assets.ts';
import {
  addRelation,
  assetHistoryKey,
  assetImpactKey,
  assetKey,
  assetOverviewKey,
  assetRelationsKey,
  assetRemindersKey,
  assetsKey,
  bulkUpdateAssets,
  createAsset,
  deleteAsset,
  fetchAsset,
  fetchHistory,
  fetchImpact,
  fetchOverview,
  fetchReminders,
  listAssets,
  listRelations,
  removeRelation,
  updateAsset,
  type AssetCreateBody,
  type AssetFilters,
} from './assets.api.ts';

export function useAssetList(query: AssetFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: [...assetsKey, 'list', query], queryFn: () => listAssets(query), placeholderData: keepPreviousData, enabled });
}

export function useAsset(id: string) {
  return useQuery({ queryKey: assetKey(id), queryFn: () => fetchAsset(id), enabled: Boolean(id) });
}

export function useAssetRelations(id: string) {
  return useQuery({ queryKey: assetRelationsKey(id), queryFn: () => listRelations(id) });
}

export function useAssetHistory(id: string) {
  return useQuery({ queryKey: assetHistoryKey(id), queryFn: () => fetchHistory(id) });
}

export function useImpact(id: string, depth: number) {
  return useQuery({ queryKey: assetImpactKey(id, depth), queryFn: () => fetchImpact(id, depth), placeholderData: keepPreviousData });
}

export function useAssetOverview(orgId: string | undefined) {
  return useQuery({ queryKey: assetOverviewKey(orgId), queryFn: () => fetchOverview(orgId) });
}

export function useReminders(orgId: string | undefined, days: number) {
  return useQuery({ queryKey: assetRemindersKey(orgId, days), queryFn: () => fetchReminders(orgId, days) });
}

/** Any asset change can move lists, counts, relations and history: everything under ['assets'] is refreshed. */
export function useAssetMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: assetsKey });
  return {
    create: useMutation({ mutationFn: (input: AssetCreateBody) => createAsset(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: AssetUpdateInput }) => updateAsset(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteAsset(id), onSuccess }),
    bulk: useMutation({ mutationFn: (input: AssetBulkInput) => bulkUpdateAssets(input), onSuccess }),
    addRelation: useMutation({ mutationFn: ({ id, input }: { id: string; input: AssetRelationCreateInput }) => addRelation(id, input), onSuccess }),
    removeRelation: useMutation({ mutationFn: (relationId: string) => removeRelation(relationId), onSuccess }),
  };
}
