// Public surface of the alerting configuration: silences, on-call schedules, escalation policies, routes, inbound
// integrations, and route selection for the alert engine.
import type { PlatformDeps } from '../../../platform/deps.ts';
import { createAlertRouteService } from './alert-routes.service.ts';
import { createAlertRuleService } from './alert-rules.service.ts';
import { alertRuleRoutes } from './alert-rules.routes.ts';
import { alertIntegrationRoutes, alertRouteRoutes, escalationPolicyRoutes, onCallScheduleRoutes, silenceRoutes } from './config.routes.ts';
import { createEscalationPolicyService } from './escalation-policies.service.ts';
import { createAlertIntegrationService } from './integrations.service.ts';
import { createOnCallScheduleService } from './oncall-schedules.service.ts';
import { createSilenceService } from './silences.service.ts';

export { createAlertRouteService, type AlertRouteService } from './alert-routes.service.ts';
export { createAlertRuleService, type AlertRuleService } from './alert-rules.service.ts';
export { alertRuleRoutes } from './alert-rules.routes.ts';
export { createEscalationPolicyService, type EscalationPolicyService } from './escalation-policies.service.ts';
export { createAlertIntegrationService, inboundEndpoint, type AlertIntegrationService } from './integrations.service.ts';
export { createOnCallScheduleService, type OnCallScheduleService } from './oncall-schedules.service.ts';
export { createSilenceService, silenceState, type SilenceService } from './silences.service.ts';
export { alertIntegrationRoutes, alertRouteRoutes, escalationPolicyRoutes, onCallScheduleRoutes, silenceRoutes } from './config.routes.ts';
export { clearRoutingCache, defaultCalendarOf, selectRoutes, type RouteSelection, type RoutingFacts, type SelectedRoute } from './routing.ts';
export { labelMatches, matchesAll, routeApplies, type RouteFacts } from './matchers.ts';

/** Every service of the alerting configuration, built from the platform deps each one uses. */
export function createAlertConfigServices(platform: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  return {
    silences: createSilenceService(platform),
    schedules: createOnCallScheduleService(platform),
    policies: createEscalationPolicyService(platform),
    routes: createAlertRouteService(platform),
    integrations: createAlertIntegrationService(platform),
    rules: createAlertRuleService(platform),
  };
}
export type AlertConfigServices = ReturnType<typeof createAlertConfigServices>;

/** The route groups of the alerting configuration, for app.ts. */
export function alertConfigRoutes(services: AlertConfigServices) {
  return [silenceRoutes(services.silences), onCallScheduleRoutes(services.schedules), escalationPolicyRoutes(services.policies), alertRouteRoutes(services.routes), alertIntegrationRoutes(services.integrations), alertRuleRoutes(services.rules)];
}

/** Error texts of this part of the domain; app.ts registers them with registerMessages. */
export const ALERT_CONFIG_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  'alert_silence.expired': { 'zh-CN': '该静默已过期', en: 'The silence has expired' },
  'alert_silence.ends_in_past': { 'zh-CN': '静默的结束时间已过；如需立即结束请使用“使过期”', en: 'The silence would end in the past; expire it instead' },
  'oncall_schedule.unknown_user': { 'zh-CN': '排班中有不存在、已停用或不属于本机构的用户', en: 'The schedule names users that do not exist, are disabled or belong elsewhere' },
  'oncall_schedule.unknown_calendar': { 'zh-CN': '工作日历不存在或不可用', en: 'The work calendar does not exist or cannot be used here' },
  'oncall_schedule.calendar_required': { 'zh-CN': '按工作时间/非工作时间生效的班次需要指定工作日历', en: 'A layer restricted to business or off hours needs a work calendar' },
  'oncall_schedule.name_taken': { 'zh-CN': '本机构已有同名排班', en: 'A schedule of this name exists in the organisation' },
  'oncall_schedule.in_use': { 'zh-CN': '该排班正被升级策略使用，不能删除', en: 'The schedule is used by escalation policies' },
  'escalation_policy.unknown_reference': { 'zh-CN': '升级策略引用了不存在或不可用的通道、排班或用户', en: 'The policy names channels, schedules or users that cannot be used' },
  'escalation_policy.name_taken': { 'zh-CN': '本机构已有同名升级策略', en: 'An escalation policy of this name exists in the organisation' },
  'escalation_policy.in_use': { 'zh-CN': '该升级策略正被告警路由使用，不能删除', en: 'The escalation policy is used by alert routes' },
  'alert_route.unknown_reference': { 'zh-CN': '路由引用了不存在或不可用的通道、升级策略或日历', en: 'The route names channels, a policy or a calendar that cannot be used' },
  'alert_rule.name_taken': { 'zh-CN': '本机构已有同名阈值规则', en: 'A rule of this name exists in the organisation' },
  'alert_rule.unknown_probe': { 'zh-CN': '监测项不存在或不属于该机构', en: 'The probe does not exist in the organisation' },
  'alert_integration.name_taken': { 'zh-CN': '本机构已有同名接入', en: 'An integration of this name exists in the organisation' },
};
