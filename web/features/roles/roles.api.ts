import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import { Role, type RoleCreateInput, type RoleUpdateInput } from '../../../shared/schemas/access.ts';

export const rolesKey = ['roles'] as const;
const RoleList = z.object({ items: z.array(Role) });

export async function listRoles(): Promise<Role[]> {
  return parse(RoleList, await api.get('/api/roles')).items;
}

export async function createRole(input: RoleCreateInput): Promise<Role> {
  return parse(Role, await api.post('/api/roles', input));
}

export async function updateRole(id: string, input: RoleUpdateInput): Promise<Role> {
  return parse(Role, await api.patch(`/api/roles/${id}`, input));
}

export async function deleteRole(id: string): Promise<void> {
  await api.delete(`/api/roles/${id}`);
}
