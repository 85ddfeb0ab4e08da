import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import {
  Availability,
  LatencySeries,
  MonthlyAvailability,
  Probe,
  ProbeBulkResult,
  ProbeFromAssetsResult,
  ProbePage,
  ProbeResult,
  ProbeStateChange,
  ProbeStateCounts,
  ProbeStats,
  type PeriodQuery,
  type ProbeBulkInput,
  type ProbeCreateInput,
  type ProbeFromAssetsInput,
  type ProbeKindKey,
  type ProbeState,
  type ProbeUpdateInput,
} from '../../../shared/schemas/probes.ts';
import {
  MaintenanceWindow,
  MaintenanceWindowPage,
  type MaintenanceWindowCreateInput,
  type MaintenanceWindowStatus,
} from '../../../shared/schemas/maintenance-windows.ts';
import { Agent, AgentCreated, AgentPage, type AgentCreateInput } from '../../../shared/schemas/agents.ts';

// Every query key of the feature starts with 'probes', 'maintenance-windows' or 'agents', so one invalidate refreshes a family.
export const probesKey = ['probes'] as const;
export const probeListKey = ['probes', 'list'] as const;
export const probeSummaryKey = (orgId: string | undefined) => ['probes', 'summary', orgId ?? null] as const;
export const probeStatsKey = (ids: readonly string[]) => ['probes', 'stats', ids.join(',')] as const;
export const probeKey = (id: string) => ['probes', 'one', id] as const;
export const maintenanceKey = ['maintenance-windows'] as const;
export const agentsKey = ['agents'] as const;

/** The probe list's filters, as sent in the query string. */
export type ProbeFilters = { q?: string; orgId?: string; assetId?: string; agentId?: string; kind?: ProbeKindKey; state?: ProbeState };

const ResultList = z.object({ items: z.array(ProbeResult) });
const StateChangeList = z.object({ items: z.array(ProbeStateChange) });

export async function listProbes(query: ProbeFilters & { page: number; pageSize: number }): Promise<ProbePage> {
  return parse(ProbePage, await api.get('/api/probes', query));
}

export async function fetchProbeSummary(orgId: string | undefined): Promise<z.infer<typeof ProbeStateCounts>> {
  return parse(ProbeStateCounts, await api.get('/api/probes/summary', { orgId }));
}

/** Sparklines and 24 h / 30 d uptime of up to 100 probes (one list page). */
export async function fetchProbeStats(ids: readonly string[]): Promise<ProbeStats> {
  return parse(ProbeStats, await api.get('/api/probes/stats', { ids: ids.join(',') }));
}

export async function fetchProbe(id: string): Promise<Probe> {
  return parse(Probe, await api.get(`/api/probes/${id}`));
}

export async function createProbe(input: ProbeCreateInput): Promise<Probe> {
  return parse(Probe, await api.post('/api/probes', input));
}

export async function bulkCreateProbes(input: ProbeBulkInput): Promise<z.infer<typeof ProbeBulkResult>> {
  return parse(ProbeBulkResult, await api.post('/api/probes/bulk', input));
}

export async function updateProbe(id: string, input: ProbeUpdateInput): Promise<Probe> {
  return parse(Probe, await api.patch(`/api/probes/${id}`, input));
}

export async function deleteProbe(id: string): Promise<void> {
  await api.delete(`/api/probes/${id}`);
}

export async function setProbePaused(id: string, isPaused: boolean): Promise<Probe> {
  return parse(Probe, await api.post(`/api/probes/${id}/${isPaused ? 'pause' : 'resume'}`));
}

export async function fetchResults(id: string, query: Partial<PeriodQuery> & { limit?: number }): Promise<ProbeResult[]> {
  return parse(ResultList, await api.get(`/api/probes/${id}/results`, query)).items;
}

export async function fetchStateChanges(id: string, limit = 100): Promise<ProbeStateChange[]> {
  return parse(StateChangeList, await api.get(`/api/probes/${id}/state-changes`, { limit })).items;
}

export async function fetchProbeAvailability(id: string, period: PeriodQuery): Promise<Availability> {
  return parse(Availability, await api.get(`/api/probes/${id}/availability`, period));
}

export async function fetchMonthlyAvailability(id: string, months = 12): Promise<MonthlyAvailability> {
  return parse(MonthlyAvailability, await api.get(`/api/probes/${id}/availability/monthly`, { months }));
}

export async function fetchSeries(id: string, period: PeriodQuery): Promise<LatencySeries> {
  return parse(LatencySeries, await api.get(`/api/probes/${id}/series`, period));
}

/** A system's availability: down whenever any of its probes is down. */
export async function fetchAssetAvailability(assetId: string, period: PeriodQuery): Promise<Availability> {
  return parse(Availability, await api.get(`/api/assets/${assetId}/availability`, period));
}

export async function createProbesFromAssets(input: ProbeFromAssetsInput): Promise<ProbeFromAssetsResult> {
  return parse(ProbeFromAssetsResult, await api.post('/api/probes/from-assets', input));
}

/** The server-sent events stream of state changes (EventSource cannot go through `api`). */
export const PROBE_LIVE_URL = '/api/probes/live';

// ---- maintenance windows ----

export type MaintenanceFilters = { orgId?: string; probeId?: string; assetId?: string; status?: MaintenanceWindowStatus };

export async function listMaintenanceWindows(query: MaintenanceFilters & { page: number; pageSize: number }): Promise<MaintenanceWindowPage> {
  return parse(MaintenanceWindowPage, await api.get('/api/maintenance-windows', query));
}

export async function createMaintenanceWindow(input: MaintenanceWindowCreateInput): Promise<MaintenanceWindow> {
  return parse(MaintenanceWindow, await api.post('/api/maintenance-windows', input));
}

export async function cancelMaintenanceWindow(id: string): Promise<MaintenanceWindow> {
  return parse(MaintenanceWindow, await api.post(`/api/maintenance-windows/${id}/cancel`));
}

// ---- edge agents ----

export async function listAgents(query: { orgId?: string; page: number; pageSize: number; q?: string }): Promise<z.infer<typeof AgentPage>> {
  return parse(AgentPage, await api.get('/api/agents', query));
}

export async function createAgent(input: AgentCreateInput): Promise<z.infer<typeof AgentCreated>> {
  return parse(AgentCreated, await api.post('/api/agents', input));
}

export async function revokeAgent(id: string): Promise<Agent> {
  return parse(Agent, await api.post(`/api/agents/${id}/revoke`));
}
