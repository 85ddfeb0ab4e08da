import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AlertIntegrationInput,
  AlertIntegrationUpdateInput,
  AlertRouteInput,
  AlertRouteUpdateInput,
  EscalationPolicyInput,
  EscalationPolicyUpdateInput,
  RouteTestInput,
  SilenceInput,
  SilenceListQuery,
  SilenceUpdateInput,
} from '../../../shared/schemas/alerts.ts';
import {
  createEscalationPolicy,
  createIntegration,
  createRoute,
  createSilence,
  deleteEscalationPolicy,
  deleteIntegration,
  deleteRoute,
  escalationKey,
  expireSilence,
  fetchEscalationPolicy,
  fetchRoute,
  fetchSilence,
  integrationsKey,
  listEscalationPolicies,
  listIntegrations,
  listRoutes,
  listSilences,
  routesKey,
  silencesKey,
  testRoutes,
  updateEscalationPolicy,
  updateIntegration,
  updateRoute,
  updateSilence,
  type ConfigListQuery,
} from './alert-config.api.ts';
import { alertsKey } from './alerts.api.ts';

/** Pickers (routes choose policies, policies choose schedules) load one large page of the organisation's items. */
export const PICKER_PAGE = { page: 1, pageSize: 500 } as const;

// ---- silences ----

export function useSilences(query: ConfigListQuery & { state?: SilenceListQuery['state'] }) {
  return useQuery({ queryKey: [...silencesKey, 'list', query], queryFn: () => listSilences(query), placeholderData: keepPreviousData });
}

export function useSilence(id: string | null | undefined) {
  return useQuery({ queryKey: [...silencesKey, 'one', id], queryFn: () => fetchSilence(id ?? ''), enabled: Boolean(id) });
}

/** A silence starting or ending changes which alerts are suppressed, so the alert lists are refreshed too. */
export function useSilenceMutations() {
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries({ queryKey: silencesKey });
    await qc.invalidateQueries({ queryKey: alertsKey });
  };
  return {
    create: useMutation({ mutationFn: (input: SilenceInput) => createSilence(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: SilenceUpdateInput }) => updateSilence(id, input), onSuccess }),
    expire: useMutation({ mutationFn: (id: string) => expireSilence(id), onSuccess }),
  };
}

// ---- routes ----

export function useRoutes(query: ConfigListQuery, enabled = true) {
  return useQuery({ queryKey: [...routesKey, 'list', query], queryFn: () => listRoutes(query), placeholderData: keepPreviousData, enabled });
}

export function useRoute(id: string | null | undefined) {
  return useQuery({ queryKey: [...routesKey, 'one', id], queryFn: () => fetchRoute(id ?? ''), enabled: Boolean(id) });
}

export function useRouteMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: routesKey });
  return {
    create: useMutation({ mutationFn: (input: AlertRouteInput) => createRoute(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: AlertRouteUpdateInput }) => updateRoute(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteRoute(id), onSuccess }),
    test: useMutation({ mutationFn: (input: RouteTestInput) => testRoutes(input) }),
  };
}

// ---- escalation policies ----

export function useEscalationPolicies(query: ConfigListQuery, enabled = true) {
  return useQuery({ queryKey: [...escalationKey, 'list', query], queryFn: () => listEscalationPolicies(query), placeholderData: keepPreviousData, enabled });
}

export function useEscalationPolicy(id: string | null | undefined) {
  return useQuery({ queryKey: [...escalationKey, 'one', id], queryFn: () => fetchEscalationPolicy(id ?? ''), enabled: Boolean(id) });
}

export function useEscalationMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: escalationKey });
  return {
    create: useMutation({ mutationFn: (input: EscalationPolicyInput) => createEscalationPolicy(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: EscalationPolicyUpdateInput }) => updateEscalationPolicy(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteEscalationPolicy(id), onSuccess }),
  };
}

// ---- inbound integrations ----

export function useIntegrations(query: ConfigListQuery) {
  return useQuery({ queryKey: [...integrationsKey, 'list', query], queryFn: () => listIntegrations(query), placeholderData: keepPreviousData, refetchInterval: 60_000 });
}

export function useIntegrationMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: integrationsKey });
  return {
    create: useMutation({ mutationFn: (input: AlertIntegrationInput) => createIntegration(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: AlertIntegrationUpdateInput }) => updateIntegration(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteIntegration(id), onSuccess }),
  };
}
