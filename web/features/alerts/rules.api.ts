import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, parse } from '../../app/api.ts';
import { AlertRule, AlertRulePage, type AlertRuleInput, type AlertRuleUpdateInput } from '../../../shared/schemas/alerts.ts';
import type { ConfigListQuery } from './alert-config.api.ts';

// Threshold rules: alerts from what probes measure ("p95 latency > 800 ms for 5 minutes").
export const rulesKey = ['alert-rules'] as const;

export async function listRules(query: ConfigListQuery): Promise<AlertRulePage> {
  return parse(AlertRulePage, await api.get('/api/alert-rules', query));
}

export function useRules(query: ConfigListQuery) {
  return useQuery({ queryKey: [...rulesKey, 'list', query], queryFn: () => listRules(query), placeholderData: keepPreviousData });
}

export function useRuleMutations() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: rulesKey });
  return {
    create: useMutation({ mutationFn: async (input: AlertRuleInput) => parse(AlertRule, await api.post('/api/alert-rules', input)), onSuccess }),
    update: useMutation({ mutationFn: async ({ id, input }: { id: string; input: AlertRuleUpdateInput }) => parse(AlertRule, await api.patch(`/api/alert-rules/${id}`, input)), onSuccess }),
    remove: useMutation({ mutationFn: async (id: string) => void (await api.delete(`/api/alert-rules/${id}`)), onSuccess }),
  };
}
