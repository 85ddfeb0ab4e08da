import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  AlertIntegration,
  AlertIntegrationInput,
  AlertIntegrationListQuery,
  AlertIntegrationPage,
  AlertIntegrationUpdateInput,
  AlertRoute,
  AlertRouteInput,
  AlertRouteListQuery,
  AlertRoutePage,
  AlertRouteUpdateInput,
  EscalationPolicy,
  EscalationPolicyInput,
  EscalationPolicyListQuery,
  EscalationPolicyPage,
  EscalationPolicyUpdateInput,
  OnCallNow,
  OnCallNowQuery,
  OnCallScheduleInput,
  OnCallScheduleListQuery,
  OnCallSchedulePage,
  OnCallScheduleRecord,
  OnCallScheduleUpdateInput,
  OnCallShiftList,
  OnCallShiftQuery,
  RouteTestInput,
  RouteTestResult,
  Silence,
  SilenceInput,
  SilenceListQuery,
  SilencePage,
  SilenceUpdateInput,
} from '../../../../shared/schemas/alerts.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { AlertRouteService } from './alert-routes.service.ts';
import type { EscalationPolicyService } from './escalation-policies.service.ts';
import type { AlertIntegrationService } from './integrations.service.ts';
import type { OnCallScheduleService } from './oncall-schedules.service.ts';
import type { SilenceService } from './silences.service.ts';

// Reading alerting configuration needs alert.read; changing it, alert.manage. Objects of organisations outside the
// caller's scope are 404, and so is an orgId in a body outside it.
const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const BODY_ORG = 'the orgId in the body is checked like an :id (one outside the scope is 404)';

/** Silences: create, change, expire early. */
export function silenceRoutes(silences: SilenceService) {
  return defineRoutes('alerts')
    .get('/alert-silences', { summary: 'List silences in scope, newest first', permission: 'alert.read', query: SilenceListQuery, response: SilencePage, tenancy: { list: 'alert_silence' } }, ({ actor, query }) =>
      silences.list(actor, query),
    )
    .post(
      '/alert-silences',
      {
        summary: 'Silence matching alerts for a while (they still show, marked silenced, and notify nobody)',
        permission: 'alert.manage',
        body: SilenceInput,
        response: Silence,
        status: 201,
        tenancy: { none: BODY_ORG },
        example: { orgId: SOME_ORG, matchers: [{ name: 'asset', op: '=', value: 'HIS-DB-01' }], startsAt: '2026-11-22T20:00:00+08:00', endsAt: '2026-11-22T23:00:00+08:00', reason: 'HIS 数据库升级' },
      },
      ({ actor, body }) => silences.create(actor, body),
    )
    .get('/alert-silences/:id', { summary: 'Get a silence', permission: 'alert.read', params: IdParam, response: Silence, tenancy: { object: 'alert_silence' } }, ({ actor, params }) => silences.get(actor, params.id))
    .patch(
      '/alert-silences/:id',
      {
        summary: 'Change the matchers, end or reason of a silence that has not expired',
        permission: 'alert.manage',
        params: IdParam,
        body: SilenceUpdateInput,
        response: Silence,
        tenancy: { object: 'alert_silence' },
        example: { reason: 'HIS 数据库升级（延长）' },
      },
      ({ actor, params, body }) => silences.update(actor, params.id, body),
    )
    .post('/alert-silences/:id/expire', { summary: 'End a silence now', permission: 'alert.manage', params: IdParam, response: Silence, tenancy: { object: 'alert_silence' } }, ({ actor, params }) =>
      silences.expire(actor, params.id),
    );
}

/** On-call schedules, their shifts and who is on call. */
export function onCallScheduleRoutes(schedules: OnCallScheduleService) {
  return defineRoutes('alerts')
    .get(
      '/oncall-schedules',
      { summary: 'List on-call schedules in scope', permission: 'alert.read', query: OnCallScheduleListQuery, response: OnCallSchedulePage, tenancy: { list: 'oncall_schedule' } },
      ({ actor, query }) => schedules.list(actor, query),
    )
    .post(
      '/oncall-schedules',
      {
        summary: 'Add an on-call schedule; every participant must be an active user',
        permission: 'alert.manage',
        body: OnCallScheduleInput,
        response: OnCallScheduleRecord,
        status: 201,
        tenancy: { none: BODY_ORG },
        example: { orgId: SOME_ORG, name: '信息科值班', rules: { layers: [{ name: '白班', participants: [SOME_ID], kind: 'daily', handoffTime: '08:30', startDate: '2026-12-01' }] } },
      },
      ({ actor, body }) => schedules.create(actor, body),
    )
    .get('/oncall-schedules/:id', { summary: 'Get an on-call schedule', permission: 'alert.read', params: IdParam, response: OnCallScheduleRecord, tenancy: { object: 'oncall_schedule' } }, ({ actor, params }) =>
      schedules.get(actor, params.id),
    )
    .patch(
      '/oncall-schedules/:id',
      { summary: 'Change an on-call schedule', permission: 'alert.manage', params: IdParam, body: OnCallScheduleUpdateInput, response: OnCallScheduleRecord, tenancy: { object: 'oncall_schedule' }, example: { description: '含节假日' } },
      ({ actor, params, body }) => schedules.update(actor, params.id, body),
    )
    .delete('/oncall-schedules/:id', { summary: 'Delete an on-call schedule no escalation policy uses', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'oncall_schedule' } }, async ({ actor, params }) => {
      await schedules.remove(actor, params.id);
      return null;
    })
    .get(
      '/oncall-schedules/:id/shifts',
      { summary: 'Final shifts between from and to (at most 62 days), holiday- and 调休-aware', permission: 'alert.read', params: IdParam, query: OnCallShiftQuery, response: OnCallShiftList, tenancy: { object: 'oncall_schedule' } },
      ({ actor, params, query }) => schedules.shifts(actor, params.id, new Date(query.from), new Date(query.to)),
    )
    .get('/oncall-schedules/:id/now', { summary: 'Who is on call now, or at `at`', permission: 'alert.read', params: IdParam, query: OnCallNowQuery, response: OnCallNow, tenancy: { object: 'oncall_schedule' } }, ({ actor, params, query }) =>
      schedules.now(actor, params.id, query.at ? new Date(query.at) : undefined),
    );
}

/** Escalation policies. */
export function escalationPolicyRoutes(policies: EscalationPolicyService) {
  return defineRoutes('alerts')
    .get(
      '/escalation-policies',
      { summary: 'List escalation policies in scope', permission: 'alert.read', query: EscalationPolicyListQuery, response: EscalationPolicyPage, tenancy: { list: 'escalation_policy' } },
      ({ actor, query }) => policies.list(actor, query),
    )
    .post(
      '/escalation-policies',
      {
        summary: 'Add an escalation policy; every channel, schedule and user it names must be usable by the organisation',
        permission: 'alert.manage',
        body: EscalationPolicyInput,
        response: EscalationPolicy,
        status: 201,
        tenancy: { none: BODY_ORG },
        example: { orgId: SOME_ORG, name: '核心系统升级', steps: [{ delayMinutes: 0, targets: [{ kind: 'channel', channelId: SOME_ID }] }, { delayMinutes: 15, targets: [{ kind: 'schedule', scheduleId: SOME_ID, via: [SOME_ID] }] }], repeat: 1 },
      },
      ({ actor, body }) => policies.create(actor, body),
    )
    .get('/escalation-policies/:id', { summary: 'Get an escalation policy', permission: 'alert.read', params: IdParam, response: EscalationPolicy, tenancy: { object: 'escalation_policy' } }, ({ actor, params }) =>
      policies.get(actor, params.id),
    )
    .patch(
      '/escalation-policies/:id',
      { summary: 'Change an escalation policy', permission: 'alert.manage', params: IdParam, body: EscalationPolicyUpdateInput, response: EscalationPolicy, tenancy: { object: 'escalation_policy' }, example: { repeat: 2 } },
      ({ actor, params, body }) => policies.update(actor, params.id, body),
    )
    .delete('/escalation-policies/:id', { summary: 'Delete an escalation policy no route uses', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'escalation_policy' } }, async ({ actor, params }) => {
      await policies.remove(actor, params.id);
      return null;
    });
}

/** Alert routes and the route tester. */
export function alertRouteRoutes(routes: AlertRouteService) {
  return defineRoutes('alerts')
    .get('/alert-routes', { summary: 'List alert routes in scope, in the order they are tried', permission: 'alert.read', query: AlertRouteListQuery, response: AlertRoutePage, tenancy: { list: 'alert_route' } }, ({ actor, query }) =>
      routes.list(actor, query),
    )
    .post(
      '/alert-routes',
      {
        summary: 'Add an alert route',
        permission: 'alert.manage',
        body: AlertRouteInput,
        response: AlertRoute,
        status: 201,
        tenancy: { none: BODY_ORG },
        example: { orgId: SOME_ORG, name: '核心设备一级告警', position: 10, conditions: { severities: ['P1'], coreOnly: true, time: 'off_hours' }, channelIds: [SOME_ID], escalationPolicyId: SOME_ID },
      },
      ({ actor, body }) => routes.create(actor, body),
    )
    .post(
      '/alert-routes/test',
      {
        summary: 'Which enabled routes would an alert like this take now, or at `at`',
        permission: 'alert.read',
        body: RouteTestInput,
        response: RouteTestResult,
        tenancy: { none: 'changes nothing; the orgId and assetId in the body are checked like an :id (outside the scope is 404)' },
        example: { orgId: SOME_ORG, severity: 'P1', labels: { service: 'HIS' }, at: '2026-10-01T10:00:00+08:00' },
      },
      ({ actor, body }) => routes.test(actor, body),
    )
    .get('/alert-routes/:id', { summary: 'Get an alert route', permission: 'alert.read', params: IdParam, response: AlertRoute, tenancy: { object: 'alert_route' } }, ({ actor, params }) => routes.get(actor, params.id))
    .patch(
      '/alert-routes/:id',
      { summary: 'Change an alert route', permission: 'alert.manage', params: IdParam, body: AlertRouteUpdateInput, response: AlertRoute, tenancy: { object: 'alert_route' }, example: { isEnabled: false } },
      ({ actor, params, body }) => routes.update(actor, params.id, body),
    )
    .delete('/alert-routes/:id', { summary: 'Delete an alert route', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'alert_route' } }, async ({ actor, params }) => {
      await routes.remove(actor, params.id);
      return null;
    });
}

/** Inbound integrations (the receiving endpoint lives with the alert store). */
export function alertIntegrationRoutes(integrations: AlertIntegrationService) {
  return defineRoutes('alerts')
    .get(
      '/alert-integrations',
      { summary: 'List inbound integrations in scope', permission: 'alert.read', query: AlertIntegrationListQuery, response: AlertIntegrationPage, tenancy: { list: 'alert_integration' } },
      ({ actor, query }) => integrations.list(actor, query),
    )
    .post(
      '/alert-integrations',
      {
        summary: 'Add an inbound integration (Alertmanager, Zabbix or a generic JSON webhook); it posts to its endpoint',
        permission: 'alert.manage',
        body: AlertIntegrationInput,
        response: AlertIntegration,
        status: 201,
        tenancy: { none: BODY_ORG },
        example: { orgId: SOME_ORG, name: 'Prometheus', config: { kind: 'alertmanager' } },
      },
      ({ actor, body }) => integrations.create(actor, body),
    )
    .get('/alert-integrations/:id', { summary: 'Get an inbound integration', permission: 'alert.read', params: IdParam, response: AlertIntegration, tenancy: { object: 'alert_integration' } }, ({ actor, params }) =>
      integrations.get(actor, params.id),
    )
    .patch(
      '/alert-integrations/:id',
      { summary: 'Change an inbound integration', permission: 'alert.manage', params: IdParam, body: AlertIntegrationUpdateInput, response: AlertIntegration, tenancy: { object: 'alert_integration' }, example: { isEnabled: false } },
      ({ actor, params, body }) => integrations.update(actor, params.id, body),
    )
    .delete('/alert-integrations/:id', { summary: 'Delete an inbound integration', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'alert_integration' } }, async ({ actor, params }) => {
      await integrations.remove(actor, params.id);
      return null;
    });
}
