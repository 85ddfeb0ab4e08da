import { z } from 'zod';
import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  ContractSlaPolicy,
  ContractSlaPolicyInput,
  PriorityMatrixInput,
  RecomputeResult,
  SlaPolicyCreateInput,
  SlaPolicyListQuery,
  SlaPolicyPage,
  SlaPolicyRecord,
  SlaPolicyResolution,
  SlaPolicyResolveQuery,
  SlaPolicyUpdateInput,
  SlaTemplateList,
} from '../../../../shared/schemas/servicedesk.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { SlaPolicyService } from './policies.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';

const MATRIX_EXAMPLE = {
  priorityMatrix: {
    impacts: [
      { key: 'wide', name: '全院', nameEn: 'Hospital-wide' },
      { key: 'single', name: '单科室', nameEn: 'One department' },
    ],
    urgencies: [
      { key: 'stopped', name: '业务中断', nameEn: 'Stopped' },
      { key: 'impaired', name: '业务受影响', nameEn: 'Impaired' },
    ],
    cells: [
      { impact: 'wide', urgency: 'stopped', level: 'level1' },
      { impact: 'wide', urgency: 'impaired', level: 'level2' },
      { impact: 'single', urgency: 'stopped', level: 'level2' },
      { impact: 'single', urgency: 'impaired', level: 'level3' },
    ],
  },
};

/** SLA policies: templates, per-organisation policies, their priority matrix, contract attachment, resolution preview. */
export function slaPolicyRoutes(policies: SlaPolicyService) {
  return defineRoutes('servicedesk')
    .get('/sla-templates', { summary: 'The ready SLA templates of the seed tenders', permission: 'ticket.read', response: SlaTemplateList, tenancy: { none: 'platform templates, the same for every organisation' } }, async ({ actor }) =>
      policies.templates(actor),
    )
    .get(
      '/sla-policies/resolve',
      { summary: 'Which policy a new ticket of the organisation (about the asset) gets, and why', permission: 'ticket.read', query: SlaPolicyResolveQuery, response: SlaPolicyResolution, tenancy: { none: 'the orgId in the query is checked like an :id (one outside the scope is 404)' } },
      ({ actor, query }) => policies.resolve(actor, query),
    )
    .post(
      '/sla-policies/recompute',
      {
        summary: 'Recompute the stored SLA due times of the open tickets in an organisation\'s subtree',
        permission: 'ticket.manage',
        body: z.object({ orgId: z.uuid() }),
        response: RecomputeResult,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG },
      },
      ({ actor, body }) => policies.recompute(actor, body.orgId),
    )
    .get('/sla-policies', { summary: 'List SLA policies in scope', permission: 'ticket.read', query: SlaPolicyListQuery, response: SlaPolicyPage, tenancy: { list: 'sla_policy' } }, ({ actor, query }) => policies.list(actor, query))
    .post(
      '/sla-policies',
      {
        summary: 'Create an SLA policy from a template or a full definition',
        permission: 'ticket.manage',
        body: SlaPolicyCreateInput,
        response: SlaPolicyRecord,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, templateKey: 'seed001_resident', name: '州人民医院驻场服务', isDefault: true },
      },
      ({ actor, body }) => policies.create(actor, body),
    )
    .get('/sla-policies/:id', { summary: 'Get an SLA policy', permission: 'ticket.read', params: IdParam, response: SlaPolicyRecord, tenancy: { object: 'sla_policy' } }, ({ actor, params }) => policies.get(actor, params.id))
    .patch(
      '/sla-policies/:id',
      {
        summary: 'Change an SLA policy (the whole definition: levels, targets, calendar, pause reasons, matrix) or make it the default; open tickets under it are recomputed',
        permission: 'ticket.manage',
        params: IdParam,
        body: SlaPolicyUpdateInput,
        response: SlaPolicyRecord,
        tenancy: { object: 'sla_policy' },
        example: { isDefault: true },
      },
      ({ actor, params, body }) => policies.update(actor, params.id, body),
    )
    .put(
      '/sla-policies/:id/priority-matrix',
      { summary: 'Replace the impact × urgency → level matrix of an SLA policy', permission: 'ticket.manage', params: IdParam, body: PriorityMatrixInput, response: SlaPolicyRecord, tenancy: { object: 'sla_policy' }, example: MATRIX_EXAMPLE },
      ({ actor, params, body }) => policies.setPriorityMatrix(actor, params.id, body),
    )
    .delete('/sla-policies/:id', { summary: 'Delete an SLA policy no contract uses', permission: 'ticket.manage', params: IdParam, status: 204, tenancy: { object: 'sla_policy' } }, async ({ actor, params }) => {
      await policies.remove(actor, params.id);
      return null;
    })
    .get('/maintenance-contracts/:id/sla-policy', { summary: 'The SLA policy attached to a maintenance contract', permission: 'ticket.read', params: IdParam, response: ContractSlaPolicy, tenancy: { object: 'maintenance_contract' } }, ({ actor, params }) =>
      policies.contractPolicy(actor, params.id),
    )
    .put(
      '/maintenance-contracts/:id/sla-policy',
      { summary: 'Attach an SLA policy to a maintenance contract (null detaches it)', permission: 'ticket.manage', params: IdParam, body: ContractSlaPolicyInput, response: ContractSlaPolicy, tenancy: { object: 'maintenance_contract' }, example: { policyId: SOME_ID } },
      ({ actor, params, body }) => policies.setContractPolicy(actor, params.id, body),
    );
}
