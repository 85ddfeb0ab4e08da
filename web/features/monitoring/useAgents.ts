import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentCreateInput } from '../../../shared/schemas/agents.ts';
import { agentsKey, createAgent, listAgents, revokeAgent } from './monitoring.api.ts';

export function useAgents(query: { orgId?: string; page: number; pageSize: number; q?: string }, enabled = true) {
  return useQuery({ queryKey: [...agentsKey, 'list', query], queryFn: () => listAgents(query), placeholderData: keepPreviousData, refetchInterval: 60_000, enabled });
}

export function useAgentMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: agentsKey });
  return {
    create: useMutation({ mutationFn: (input: AgentCreateInput) => createAgent(input), onSuccess }),
    revoke: useMutation({ mutationFn: (id: string) => revokeAgent(id), onSuccess }),
  };
}
