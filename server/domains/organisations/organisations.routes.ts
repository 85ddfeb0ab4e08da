import { z } from 'zod';
import { IdParam } from '../../../shared/schemas/common.ts';
import { Organisation, OrganisationCreateInput, OrganisationListQuery, OrganisationUpdateInput } from '../../../shared/schemas/organisations.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { OrganisationService } from './organisations.service.ts';

export function organisationRoutes(orgs: OrganisationService) {
  return defineRoutes('organisations')
    .get('/organisations', { summary: 'List the organisations in scope (flat; build the tree from parentId)', permission: 'org.read', query: OrganisationListQuery, response: z.object({ items: z.array(Organisation) }), tenancy: { list: 'organisation' } }, async ({ actor, query }) => ({
      items: await orgs.list(actor, query),
    }))
    .get('/organisations/:id', { summary: 'Get an organisation', permission: 'org.read', params: IdParam, response: Organisation, tenancy: { object: 'organisation' } }, ({ actor, params }) => orgs.get(actor, params.id))
    .post(
      '/organisations',
      {
        summary: 'Create an organisation under a parent in scope',
        permission: 'org.manage',
        body: OrganisationCreateInput,
        response: Organisation,
        status: 201,
        tenancy: { none: 'the parent is checked like an :id (a parent outside the scope is 404)' },
        example: { parentId: '00000000-0000-4000-8000-000000000000', kind: 'department', code: 'XXK', name: '信息科', level: null },
      },
      ({ actor, body }) => orgs.create(actor, body),
    )
    .patch(
      '/organisations/:id',
      { summary: 'Update an organisation (also moves it under another parent)', permission: 'org.manage', params: IdParam, body: OrganisationUpdateInput, response: Organisation, tenancy: { object: 'organisation' }, example: { name: '改名' } },
      ({ actor, params, body }) => orgs.update(actor, params.id, body),
    )
    .delete('/organisations/:id', { summary: 'Delete an empty organisation', permission: 'org.manage', params: IdParam, status: 204, tenancy: { object: 'organisation' } }, async ({ actor, params }) => {
      await orgs.remove(actor, params.id);
      return null;
    });
}
