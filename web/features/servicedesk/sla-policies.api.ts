import { api, parse } from '../../app/api.ts';
import {
  ContractSlaPolicy,
  RecomputeResult,
  SlaPolicyPage,
  SlaPolicyRecord,
  SlaPolicyResolution,
  SlaTemplateList,
  type PriorityMatrixInput,
  type SlaPolicyCreateInput,
  type SlaPolicyUpdateInput,
} from '../../../shared/schemas/servicedesk.ts';

// Query keys of the desk's SLA setup start with 'sla-policies' (templates, policies, the resolution preview and the
// contract attachments), so one invalidate after a change refreshes everything that shows a policy.
export const slaPoliciesKey = ['sla-policies'] as const;
export const slaTemplatesKey = ['sla-policies', 'templates'] as const;
export const slaPolicyKey = (id: string) => ['sla-policies', 'one', id] as const;
export const slaResolveKey = (orgId: string, assetId: string | undefined) => ['sla-policies', 'resolve', orgId, assetId ?? null] as const;
export const contractPolicyKey = (contractId: string) => ['sla-policies', 'contract', contractId] as const;

export async function listSlaTemplates(): Promise<SlaTemplateList> {
  return parse(SlaTemplateList, await api.get('/api/sla-templates'));
}

export async function listSlaPolicies(query: { orgId?: string; page: number; pageSize: number; q?: string }): Promise<SlaPolicyPage> {
  return parse(SlaPolicyPage, await api.get('/api/sla-policies', query));
}

export async function fetchSlaPolicy(id: string): Promise<SlaPolicyRecord> {
  return parse(SlaPolicyRecord, await api.get(`/api/sla-policies/${id}`));
}

export async function createSlaPolicy(input: SlaPolicyCreateInput): Promise<SlaPolicyRecord> {
  return parse(SlaPolicyRecord, await api.post('/api/sla-policies', input));
}

export async function updateSlaPolicy(id: string, input: SlaPolicyUpdateInput): Promise<SlaPolicyRecord> {
  return parse(SlaPolicyRecord, await api.patch(`/api/sla-policies/${id}`, input));
}

export async function setPriorityMatrix(id: string, input: PriorityMatrixInput): Promise<SlaPolicyRecord> {
  return parse(SlaPolicyRecord, await api.put(`/api/sla-policies/${id}/priority-matrix`, input));
}

export async function deleteSlaPolicy(id: string): Promise<void> {
  await api.delete(`/api/sla-policies/${id}`);
}

/** Which policy a new ticket of the organisation (about the asset) would get, and the sentence saying why. */
export async function resolveSlaPolicy(orgId: string, assetId?: string): Promise<SlaPolicyResolution> {
  return parse(SlaPolicyResolution, await api.get('/api/sla-policies/resolve', { orgId, assetId }));
}

export async function recomputeSla(orgId: string): Promise<RecomputeResult> {
  return parse(RecomputeResult, await api.post('/api/sla-policies/recompute', { orgId }));
}

export async function fetchContractPolicy(contractId: string): Promise<ContractSlaPolicy> {
  return parse(ContractSlaPolicy, await api.get(`/api/maintenance-contracts/${contractId}/sla-policy`));
}

export async function setContractPolicy(contractId: string, policyId: string | null): Promise<ContractSlaPolicy> {
  return parse(ContractSlaPolicy, await api.put(`/api/maintenance-contracts/${contractId}/sla-policy`, { policyId }));
}
