import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import {
  Organisation,
  type OrganisationCreateInput,
  type OrganisationListQuery,
  type OrganisationUpdateInput,
} from '../../../shared/schemas/organisations.ts';

export const organisationsKey = ['organisations'] as const;
const OrganisationList = z.object({ items: z.array(Organisation) });

/** Every organisation in the user's scope, flat; the tree is built on the client from parentId. */
export async function listOrganisations(query: OrganisationListQuery = {}): Promise<Organisation[]> {
  return parse(OrganisationList, await api.get('/api/organisations', query)).items;
}

export async function createOrganisation(input: OrganisationCreateInput): Promise<Organisation> {
  return parse(Organisation, await api.post('/api/organisations', input));
}

export async function updateOrganisation(id: string, input: OrganisationUpdateInput): Promise<Organisation> {
  return parse(Organisation, await api.patch(`/api/organisations/${id}`, input));
}

export async function deleteOrganisation(id: string): Promise<void> {
  await api.delete(`/api/organisations/${id}`);
}
