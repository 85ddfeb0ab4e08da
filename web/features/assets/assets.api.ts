import { z } from 'zod';
import { api, apiUrl, parse } from '../../app/api.ts';
import {
  Asset,
  AssetBulkResult,
  AssetCreateInput,
  AssetHistoryEntry,
  AssetOverview,
  AssetPage,
  AssetRelation,
  AssetSort,
  ImpactGraph,
  ReminderList,
  type AssetBulkInput,
  type AssetImportance,
  type AssetRelationCreateInput,
  type AssetStatus,
  type AssetUpdateInput,
} from '../../../shared/schemas/assets.ts';
import type { XinchuangState } from '../../../shared/xinchuang.ts';

export const assetsKey = ['assets'] as const;
export const assetKey = (id: string) => ['assets', 'one', id] as const;
export const assetRelationsKey = (id: string) => ['assets', 'one', id, 'relations'] as const;
export const assetHistoryKey = (id: string) => ['assets', 'one', id, 'history'] as const;
export const assetImpactKey = (id: string, depth: number) => ['assets', 'one', id, 'impact', depth] as const;
export const assetOverviewKey = (orgId: string | undefined) => ['assets', 'overview', orgId ?? null] as const;
export const assetRemindersKey = (orgId: string | undefined, days: number) => ['assets', 'reminders', orgId ?? null, days] as const;

const RelationList = z.object({ items: z.array(AssetRelation) });
const HistoryList = z.object({ items: z.array(AssetHistoryEntry) });

export type WarrantyFilter = 'in' | 'out' | 'expiring30' | 'expiring90' | 'unknown';
export type XinchuangDimensionFilter = 'cpu' | 'os' | 'database' | 'middleware' | 'overall';

/** The list filters, as sent in the query string (the same ones drive the export). */
export type AssetFilters = {
  q?: string;
  kind?: string;
  orgId?: string;
  locationId?: string;
  status?: AssetStatus;
  warranty?: WarrantyFilter;
  importance?: AssetImportance;
  xinchuang?: XinchuangState;
  xinchuangOn?: XinchuangDimensionFilter;
  contractId?: string;
  vendorId?: string;
  sort?: z.infer<typeof AssetSort>;
};

export async function listAssets(query: AssetFilters & { page: number; pageSize: number }): Promise<AssetPage> {
  return parse(AssetPage, await api.get('/api/assets', query));
}

/** A plain link: the browser streams the .xlsx with the session cookie. */
export function assetExportUrl(filters: AssetFilters): string {
  return apiUrl('/api/assets/export', filters);
}

export async function fetchAsset(id: string): Promise<Asset> {
  return parse(Asset, await api.get(`/api/assets/${id}`));
}

/** What the form sends on create: defaults (quantity 1, 台, in use, …) are filled in by the server. */
export type AssetCreateBody = z.input<typeof AssetCreateInput>;

export async function createAsset(input: AssetCreateBody): Promise<Asset> {
  return parse(Asset, await api.post('/api/assets', input));
}

export async function updateAsset(id: string, input: AssetUpdateInput): Promise<Asset> {
  return parse(Asset, await api.patch(`/api/assets/${id}`, input));
}

export async function deleteAsset(id: string): Promise<void> {
  await api.delete(`/api/assets/${id}`);
}

export async function bulkUpdateAssets(input: AssetBulkInput): Promise<number> {
  return parse(AssetBulkResult, await api.post('/api/assets/bulk', input)).updated;
}

export async function listRelations(id: string): Promise<AssetRelation[]> {
  return parse(RelationList, await api.get(`/api/assets/${id}/relations`)).items;
}

export async function addRelation(id: string, input: AssetRelationCreateInput): Promise<AssetRelation> {
  return parse(AssetRelation, await api.post(`/api/assets/${id}/relations`, input));
}

export async function removeRelation(relationId: string): Promise<void> {
  await api.delete(`/api/asset-relations/${relationId}`);
}

export async function fetchImpact(id: string, depth: number): Promise<ImpactGraph> {
  return parse(ImpactGraph, await api.get(`/api/assets/${id}/impact`, { depth }));
}

export async function fetchHistory(id: string): Promise<AssetHistoryEntry[]> {
  return parse(HistoryList, await api.get(`/api/assets/${id}/history`)).items;
}

export async function fetchOverview(orgId: string | undefined): Promise<AssetOverview> {
  return parse(AssetOverview, await api.get('/api/assets/overview', { orgId }));
}

export async function fetchReminders(orgId: string | undefined, days: number): Promise<ReminderList> {
  return parse(ReminderList, await api.get('/api/assets/reminders', { orgId, days }));
}
