import { AlertRule, AlertRuleInput, AlertRuleListQuery, AlertRulePage, AlertRuleUpdateInput } from '../../../../shared/schemas/alerts.ts';
import { IdParam } from '../../../../shared/schemas/common.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { AlertRuleService } from './alert-rules.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';

/** Threshold rules on probe measurements. */
export function alertRuleRoutes(rules: AlertRuleService) {
  return defineRoutes('alerts')
    .get('/alert-rules', { summary: 'List threshold rules in scope', permission: 'alert.read', query: AlertRuleListQuery, response: AlertRulePage, tenancy: { list: 'alert_rule' } }, ({ actor, query }) => rules.list(actor, query))
    .post(
      '/alert-rules',
      {
        summary: 'Add a threshold rule (e.g. p95 latency > 800 ms over 5 minutes)',
        permission: 'alert.manage',
        body: AlertRuleInput,
        response: AlertRule,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, name: 'HIS 门户响应慢', probeKind: 'http', metric: 'latency', aggregate: 'p95', op: '>', threshold: 800, windowMinutes: 5, severity: 'P3' },
      },
      ({ actor, body }) => rules.create(actor, body),
    )
    .get('/alert-rules/:id', { summary: 'Get a threshold rule', permission: 'alert.read', params: IdParam, response: AlertRule, tenancy: { object: 'alert_rule' } }, ({ actor, params }) => rules.get(actor, params.id))
    .patch('/alert-rules/:id', { summary: 'Change a threshold rule', permission: 'alert.manage', params: IdParam, body: AlertRuleUpdateInput, response: AlertRule, tenancy: { object: 'alert_rule' }, example: { threshold: 1000 } }, ({ actor, params, body }) =>
      rules.update(actor, params.id, body),
    )
    .delete('/alert-rules/:id', { summary: 'Delete a threshold rule', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'alert_rule' } }, async ({ actor, params }) => {
      await rules.remove(actor, params.id);
      return null;
    });
}
