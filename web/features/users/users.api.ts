import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import { Page } from '../../../shared/schemas/common.ts';
import {
  Grant,
  InitialPassword,
  User,
  type GrantCreateInput,
  type UserCreateInput,
  type UserUpdateInput,
} from '../../../shared/schemas/access.ts';

export const usersKey = ['users'] as const;
export const grantsKey = (userId: string) => ['users', userId, 'grants'] as const;

const UserPage = Page(User);
const GrantList = z.object({ items: z.array(Grant) });

export type UserPage = z.infer<typeof UserPage>;
export type InitialPasswordResult = z.infer<typeof InitialPassword>;
export type UserQuery = { page: number; pageSize: number; q?: string; orgId?: string; status?: 'active' | 'disabled'; subtree?: 'true' | 'false' };
/** The account operations that are a single POST without a body. */
export type UserAction = 'disable' | 'enable' | 'unlock' | 'reset-totp';

export async function listUsers(query: UserQuery): Promise<UserPage> {
  return parse(UserPage, await api.get('/api/users', query));
}

export async function createUser(input: UserCreateInput): Promise<InitialPasswordResult> {
  return parse(InitialPassword, await api.post('/api/users', input));
}

export async function updateUser(id: string, input: UserUpdateInput): Promise<User> {
  return parse(User, await api.patch(`/api/users/${id}`, input));
}

export async function deleteUser(id: string): Promise<void> {
  await api.delete(`/api/users/${id}`);
}

export async function runUserAction(id: string, action: UserAction): Promise<void> {
  await api.post(`/api/users/${id}/${action}`);
}

export async function resetPassword(id: string): Promise<InitialPasswordResult> {
  return parse(InitialPassword, await api.post(`/api/users/${id}/reset-password`));
}

export async function listGrants(userId: string): Promise<Grant[]> {
  return parse(GrantList, await api.get(`/api/users/${userId}/grants`)).items;
}

export async function addGrant(userId: string, input: GrantCreateInput): Promise<void> {
  await api.post(`/api/users/${userId}/grants`, input);
}

export async function removeGrant(userId: string, grantId: string): Promise<void> {
  await api.delete(`/api/users/${userId}/grants/${grantId}`);
}
