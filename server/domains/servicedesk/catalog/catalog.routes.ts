import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  AssignmentGroup,
  AssignmentGroupCreateInput,
  AssignmentGroupListQuery,
  AssignmentGroupPage,
  AssignmentGroupUpdateInput,
  TicketCategory,
  TicketCategoryCreateInput,
  TicketCategoryListQuery,
  TicketCategoryPage,
  TicketCategoryUpdateInput,
} from '../../../../shared/schemas/servicedesk.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { TicketCategoryService } from './categories.service.ts';
import type { AssignmentGroupService } from './groups.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';

/** The ticket category tree of organisations. */
export function ticketCategoryRoutes(categories: TicketCategoryService) {
  return defineRoutes('servicedesk')
    .get('/ticket-categories', { summary: 'List ticket categories in scope, in tree order', permission: 'ticket.read', query: TicketCategoryListQuery, response: TicketCategoryPage, tenancy: { list: 'ticket_category' } }, ({ actor, query }) =>
      categories.list(actor, query),
    )
    .post(
      '/ticket-categories',
      {
        summary: 'Add a ticket category (a root, or under a parent of the same organisation)',
        permission: 'ticket.manage',
        body: TicketCategoryCreateInput,
        response: TicketCategory,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, name: '硬件故障' },
      },
      ({ actor, body }) => categories.create(actor, body),
    )
    .get('/ticket-categories/:id', { summary: 'Get a ticket category', permission: 'ticket.read', params: IdParam, response: TicketCategory, tenancy: { object: 'ticket_category' } }, ({ actor, params }) => categories.get(actor, params.id))
    .patch(
      '/ticket-categories/:id',
      { summary: 'Rename or (de)activate a ticket category', permission: 'ticket.manage', params: IdParam, body: TicketCategoryUpdateInput, response: TicketCategory, tenancy: { object: 'ticket_category' }, example: { name: '打印机' } },
      ({ actor, params, body }) => categories.update(actor, params.id, body),
    )
    .delete('/ticket-categories/:id', { summary: 'Delete a ticket category without children or tickets', permission: 'ticket.manage', params: IdParam, status: 204, tenancy: { object: 'ticket_category' } }, async ({ actor, params }) => {
      await categories.remove(actor, params.id);
      return null;
    });
}

/** Assignment groups and their members. */
export function assignmentGroupRoutes(groups: AssignmentGroupService) {
  return defineRoutes('servicedesk')
    .get('/assignment-groups', { summary: 'List assignment groups in scope', permission: 'ticket.read', query: AssignmentGroupListQuery, response: AssignmentGroupPage, tenancy: { list: 'assignment_group' } }, ({ actor, query }) =>
      groups.list(actor, query),
    )
    .post(
      '/assignment-groups',
      {
        summary: 'Add an assignment group with its members',
        permission: 'ticket.manage',
        body: AssignmentGroupCreateInput,
        response: AssignmentGroup,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, name: '驻场运维组', description: '信息科驻场工程师', memberIds: [] },
      },
      ({ actor, body }) => groups.create(actor, body),
    )
    .get('/assignment-groups/:id', { summary: 'Get an assignment group with its members', permission: 'ticket.read', params: IdParam, response: AssignmentGroup, tenancy: { object: 'assignment_group' } }, ({ actor, params }) =>
      groups.get(actor, params.id),
    )
    .patch(
      '/assignment-groups/:id',
      { summary: 'Change an assignment group (name, description, the whole member list)', permission: 'ticket.manage', params: IdParam, body: AssignmentGroupUpdateInput, response: AssignmentGroup, tenancy: { object: 'assignment_group' }, example: { description: '7×24 值守' } },
      ({ actor, params, body }) => groups.update(actor, params.id, body),
    )
    .delete('/assignment-groups/:id', { summary: 'Delete an assignment group no open ticket waits on', permission: 'ticket.manage', params: IdParam, status: 204, tenancy: { object: 'assignment_group' } }, async ({ actor, params }) => {
      await groups.remove(actor, params.id);
      return null;
    });
}
