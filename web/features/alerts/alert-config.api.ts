import { api, parse } from '../../app/api.ts';
import {
  AlertIntegration,
  AlertIntegrationPage,
  AlertRoute,
  AlertRoutePage,
  EscalationPolicy,
  EscalationPolicyPage,
  RouteTestResult,
  Silence,
  SilencePage,
  type AlertIntegrationInput,
  type AlertIntegrationUpdateInput,
  type AlertRouteInput,
  type AlertRouteUpdateInput,
  type EscalationPolicyInput,
  type EscalationPolicyUpdateInput,
  type RouteTestInput,
  type SilenceInput,
  type SilenceListQuery,
  type SilenceUpdateInput,
} from '../../../shared/schemas/alerts.ts';

// Silences, routes, escalation policies and inbound integrations: the configuration that decides who hears about an
// alert. Each family has its own first query-key segment, named like its API path.
export const silencesKey = ['alert-silences'] as const;
export const routesKey = ['alert-routes'] as const;
export const escalationKey = ['escalation-policies'] as const;
export const integrationsKey = ['alert-integrations'] as const;

/** The list query every configuration list takes: the header's organisation scope and a page. */
export type ConfigListQuery = { orgId?: string; q?: string; page: number; pageSize: number };

// ---- silences ----

export async function listSilences(query: ConfigListQuery & { state?: SilenceListQuery['state'] }): Promise<SilencePage> {
  return parse(SilencePage, await api.get('/api/alert-silences', query));
}

export async function fetchSilence(id: string): Promise<Silence> {
  return parse(Silence, await api.get(`/api/alert-silences/${id}`));
}

export async function createSilence(input: SilenceInput): Promise<Silence> {
  return parse(Silence, await api.post('/api/alert-silences', input));
}

export async function updateSilence(id: string, input: SilenceUpdateInput): Promise<Silence> {
  return parse(Silence, await api.patch(`/api/alert-silences/${id}`, input));
}

export async function expireSilence(id: string): Promise<Silence> {
  return parse(Silence, await api.post(`/api/alert-silences/${id}/expire`));
}

// ---- routes ----

export async function listRoutes(query: ConfigListQuery): Promise<AlertRoutePage> {
  return parse(AlertRoutePage, await api.get('/api/alert-routes', query));
}

export async function fetchRoute(id: string): Promise<AlertRoute> {
  return parse(AlertRoute, await api.get(`/api/alert-routes/${id}`));
}

export async function createRoute(input: AlertRouteInput): Promise<AlertRoute> {
  return parse(AlertRoute, await api.post('/api/alert-routes', input));
}

export async function updateRoute(id: string, input: AlertRouteUpdateInput): Promise<AlertRoute> {
  return parse(AlertRoute, await api.patch(`/api/alert-routes/${id}`, input));
}

export async function deleteRoute(id: string): Promise<void> {
  await api.delete(`/api/alert-routes/${id}`);
}

export async function testRoutes(input: RouteTestInput): Promise<RouteTestResult> {
  return parse(RouteTestResult, await api.post('/api/alert-routes/test', input));
}

// ---- escalation policies ----

export async function listEscalationPolicies(query: ConfigListQuery): Promise<EscalationPolicyPage> {
  return parse(EscalationPolicyPage, await api.get('/api/escalation-policies', query));
}

export async function fetchEscalationPolicy(id: string): Promise<EscalationPolicy> {
  return parse(EscalationPolicy, await api.get(`/api/escalation-policies/${id}`));
}

export async function createEscalationPolicy(input: EscalationPolicyInput): Promise<EscalationPolicy> {
  return parse(EscalationPolicy, await api.post('/api/escalation-policies', input));
}

export async function updateEscalationPolicy(id: string, input: EscalationPolicyUpdateInput): Promise<EscalationPolicy> {
  return parse(EscalationPolicy, await api.patch(`/api/escalation-policies/${id}`, input));
}

export async function deleteEscalationPolicy(id: string): Promise<void> {
  await api.delete(`/api/escalation-policies/${id}`);
}

// ---- inbound integrations ----

export async function listIntegrations(query: ConfigListQuery): Promise<AlertIntegrationPage> {
  return parse(AlertIntegrationPage, await api.get('/api/alert-integrations', query));
}

export async function createIntegration(input: AlertIntegrationInput): Promise<AlertIntegration> {
  return parse(AlertIntegration, await api.post('/api/alert-integrations', input));
}

export async function updateIntegration(id: string, input: AlertIntegrationUpdateInput): Promise<AlertIntegration> {
  return parse(AlertIntegration, await api.patch(`/api/alert-integrations/${id}`, input));
}

export async function deleteIntegration(id: string): Promise<void> {
  await api.delete(`/api/alert-integrations/${id}`);
}
