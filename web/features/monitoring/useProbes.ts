import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PeriodQuery, ProbeBulkInput, ProbeCreateInput, ProbeFromAssetsInput, ProbeUpdateInput } from '../../../shared/schemas/probes.ts';
import {
  bulkCreateProbes,
  createProbe,
  createProbesFromAssets,
  deleteProbe,
  fetchAssetAvailability,
  fetchMonthlyAvailability,
  fetchProbe,
  fetchProbeAvailability,
  fetchProbeStats,
  fetchProbeSummary,
  fetchResults,
  fetchSeries,
  fetchStateChanges,
  listProbes,
  probeKey,
  probeListKey,
  probesKey,
  probeStatsKey,
  probeSummaryKey,
  setProbePaused,
  updateProbe,
  type ProbeFilters,
} from './monitoring.api.ts';

/** Results arrive every interval: the pages showing live numbers refresh once a minute on their own. */
const LIVE_MS = 60_000;

export function useProbeList(query: ProbeFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: [...probeListKey, query], queryFn: () => listProbes(query), placeholderData: keepPreviousData, refetchInterval: LIVE_MS, enabled });
}

export function useProbeSummary(orgId: string | undefined) {
  return useQuery({ queryKey: probeSummaryKey(orgId), queryFn: () => fetchProbeSummary(orgId), refetchInterval: LIVE_MS });
}

/** Sparklines and uptimes of the probes on screen; the list still works when this fails. */
export function useProbeStats(ids: readonly string[]) {
  return useQuery({ queryKey: probeStatsKey(ids), queryFn: () => fetchProbeStats(ids), enabled: ids.length > 0, staleTime: LIVE_MS, placeholderData: keepPreviousData });
}

export function useProbe(id: string) {
  return useQuery({ queryKey: probeKey(id), queryFn: () => fetchProbe(id), enabled: Boolean(id), refetchInterval: LIVE_MS });
}

export function useProbeResults(id: string, limit = 50) {
  return useQuery({ queryKey: [...probeKey(id), 'results', limit], queryFn: () => fetchResults(id, { limit }), refetchInterval: LIVE_MS });
}

export function useStateChanges(id: string, limit = 100) {
  return useQuery({ queryKey: [...probeKey(id), 'state-changes', limit], queryFn: () => fetchStateChanges(id, limit) });
}

export function useProbeAvailability(id: string, period: PeriodQuery) {
  return useQuery({ queryKey: [...probeKey(id), 'availability', period], queryFn: () => fetchProbeAvailability(id, period), placeholderData: keepPreviousData });
}

export function useMonthlyAvailability(id: string, months = 12) {
  return useQuery({ queryKey: [...probeKey(id), 'monthly', months], queryFn: () => fetchMonthlyAvailability(id, months), staleTime: 5 * 60_000 });
}

export function useSeries(id: string, period: PeriodQuery) {
  return useQuery({ queryKey: [...probeKey(id), 'series', period], queryFn: () => fetchSeries(id, period), placeholderData: keepPreviousData });
}

export function useAssetAvailability(assetId: string, period: PeriodQuery) {
  return useQuery({ queryKey: ['probes', 'asset-availability', assetId, period], queryFn: () => fetchAssetAvailability(assetId, period) });
}

/** Any probe change can move lists, counts and the probe's own page: everything under ['probes'] is refreshed. */
export function useProbeMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: probesKey });
  return {
    create: useMutation({ mutationFn: (input: ProbeCreateInput) => createProbe(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: ProbeUpdateInput }) => updateProbe(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteProbe(id), onSuccess }),
    setPaused: useMutation({ mutationFn: ({ id, isPaused }: { id: string; isPaused: boolean }) => setProbePaused(id, isPaused), onSuccess }),
    bulk: useMutation({ mutationFn: (input: ProbeBulkInput) => bulkCreateProbes(input), onSuccess }),
    // a dry run changes nothing, so only a real run refreshes the lists
    fromAssets: useMutation({
      mutationFn: (input: ProbeFromAssetsInput) => createProbesFromAssets(input),
      onSuccess: (_r, input) => (input.isDryRun ? undefined : onSuccess()),
    }),
  };
}
