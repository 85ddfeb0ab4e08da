import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PriorityMatrixInput, SlaPolicyCreateInput, SlaPolicyUpdateInput } from '../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../shared/schemas/sla.ts';
import { ticketsKey } from './tickets.api.ts';
import {
  contractPolicyKey,
  createSlaPolicy,
  deleteSlaPolicy,
  fetchContractPolicy,
  fetchSlaPolicy,
  listSlaPolicies,
  listSlaTemplates,
  recomputeSla,
  resolveSlaPolicy,
  setContractPolicy,
  setPriorityMatrix,
  slaPoliciesKey,
  slaPolicyKey,
  slaResolveKey,
  slaTemplatesKey,
  updateSlaPolicy,
} from './sla-policies.api.ts';

/** Templates never change at runtime; policies seldom. */
const STALE_MS = 60_000;

export function useSlaTemplates(enabled = true) {
  return useQuery({ queryKey: slaTemplatesKey, queryFn: listSlaTemplates, staleTime: Infinity, enabled });
}

export function useSlaPolicies(query: { orgId?: string; page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: [...slaPoliciesKey, 'list', query], queryFn: () => listSlaPolicies(query), staleTime: STALE_MS, enabled });
}

export function useSlaPolicy(id: string | null | undefined) {
  return useQuery({ queryKey: slaPolicyKey(id ?? ''), queryFn: () => fetchSlaPolicy(id ?? ''), enabled: Boolean(id), staleTime: STALE_MS });
}

/**
 * The definition a ticket runs under: its policy record, or the platform default template when no policy of an
 * organisation applied (policyId null). Open tickets follow policy edits, so the current record is what counts.
 */
export function useTicketPolicy(policyId: string | null | undefined, enabled = true): { policy: SlaPolicy | undefined; isLoading: boolean; error: unknown } {
  const record = useSlaPolicy(enabled ? policyId : null);
  const templates = useSlaTemplates(enabled && !policyId);
  if (policyId) return { policy: record.data?.policy, isLoading: record.isPending && record.isFetching, error: record.error };
  const fallback = templates.data?.items.find((tpl) => tpl.key === templates.data?.platformDefault);
  return { policy: fallback?.policy, isLoading: templates.isPending && templates.isFetching, error: templates.error };
}

/** The policy a new ticket would get; asked for again whenever the organisation or the first asset changes. */
export function useSlaResolution(orgId: string | undefined, assetId: string | undefined) {
  return useQuery({ queryKey: slaResolveKey(orgId ?? '', assetId), queryFn: () => resolveSlaPolicy(orgId ?? '', assetId), enabled: Boolean(orgId), staleTime: 10_000 });
}

export function useContractPolicy(contractId: string | null | undefined) {
  return useQuery({ queryKey: contractPolicyKey(contractId ?? ''), queryFn: () => fetchContractPolicy(contractId ?? ''), enabled: Boolean(contractId) });
}

/** A policy change recomputes open tickets on the server: tickets refresh too. */
export function useSlaPolicyMutations() {
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries({ queryKey: slaPoliciesKey });
    await qc.invalidateQueries({ queryKey: ticketsKey });
  };
  return {
    create: useMutation({ mutationFn: (input: SlaPolicyCreateInput) => createSlaPolicy(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: SlaPolicyUpdateInput }) => updateSlaPolicy(id, input), onSuccess }),
    setMatrix: useMutation({ mutationFn: ({ id, input }: { id: string; input: PriorityMatrixInput }) => setPriorityMatrix(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteSlaPolicy(id), onSuccess }),
    attach: useMutation({ mutationFn: ({ contractId, policyId }: { contractId: string; policyId: string | null }) => setContractPolicy(contractId, policyId), onSuccess }),
    recompute: useMutation({ mutationFn: (orgId: string) => recomputeSla(orgId), onSuccess }),
  };
}
