import { z } from 'zod';
import { ApiToken, ApiTokenCreateInput, ApiTokenCreated, Grant, GrantCreateInput, GrantParams, InitialPassword, Role, RoleCreateInput, RoleUpdateInput, SecurityPolicy, SecurityPolicyUpdateInput, User, UserCreateInput, UserListQuery, UserUpdateInput } from '../../../shared/schemas/access.ts';
import { IdParam, Page } from '../../../shared/schemas/common.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { PolicyService } from './policy.service.ts';
import type { RoleService } from './roles.service.ts';
import type { TokenService } from './tokens.service.ts';
import type { UserService } from './users.service.ts';

const OBJ = { object: 'user' } as const;

export function userRoutes(users: UserService, roles: RoleService) {
  return defineRoutes('users')
    .get('/users', { summary: 'List users in scope (paged, searchable, by organisation subtree)', permission: 'user.read', query: UserListQuery, response: Page(User), tenancy: { list: 'user' } }, ({ actor, query }) => users.list(actor, query))
    .post('/users', { summary: 'Create an account; the random initial password is returned once', permission: 'user.manage', body: UserCreateInput, response: InitialPassword, status: 201, tenancy: { none: 'the organisation is checked like an :id' }, example: { orgId: '00000000-0000-4000-8000-000000000000', username: 'zhangsan', displayName: '张三' } }, ({ actor, body }) => users.create(actor, body))
    .get('/users/:id', { summary: 'Get a user', permission: 'user.read', params: IdParam, response: User, tenancy: OBJ }, ({ actor, params }) => users.get(actor, params.id))
    .patch('/users/:id', { summary: 'Update a user profile', permission: 'user.manage', params: IdParam, body: UserUpdateInput, response: User, tenancy: OBJ, example: { displayName: '李四' } }, ({ actor, params, body }) => users.update(actor, params.id, body))
    .delete('/users/:id', { summary: 'Delete a user (credentials are overwritten first)', permission: 'user.manage', params: IdParam, status: 204, tenancy: OBJ }, async ({ actor, params }) => {
      await users.remove(actor, params.id);
      return null;
    })
    .post('/users/:id/disable', { summary: 'Disable an account and end its sessions', permission: 'user.manage', params: IdParam, response: User, tenancy: OBJ }, ({ actor, params }) => users.disable(actor, params.id))
    .post('/users/:id/enable', { summary: 'Enable an account', permission: 'user.manage', params: IdParam, response: User, tenancy: OBJ }, ({ actor, params }) => users.enable(actor, params.id))
    .post('/users/:id/unlock', { summary: 'Unlock an account locked after failed logins', permission: 'user.secure', params: IdParam, response: User, tenancy: OBJ }, ({ actor, params }) => users.unlock(actor, params.id))
    .post('/users/:id/reset-totp', { summary: 'Remove the TOTP authenticator so the user enrols again', permission: 'user.secure', params: IdParam, response: User, tenancy: OBJ }, ({ actor, params }) => users.resetTotp(actor, params.id))
    .post('/users/:id/reset-password', { summary: 'Reset the password; the new one is returned once and must be changed at login', permission: 'user.secure', params: IdParam, response: InitialPassword, tenancy: OBJ }, ({ actor, params }) => users.resetPassword(actor, params.id))
    .get('/users/:id/grants', { summary: "A user's role grants", permission: 'user.read', params: IdParam, response: z.object({ items: z.array(Grant) }), tenancy: OBJ }, async ({ actor, params }) => ({ items: await roles.listGrants(actor, params.id) }))
    .post('/users/:id/grants', { summary: 'Grant a role on an organisation subtree', permission: 'grant.manage', params: IdParam, body: GrantCreateInput, response: z.object({ items: z.array(Grant) }), status: 201, tenancy: OBJ, example: { roleId: '00000000-0000-4000-8000-000000000000', orgId: '00000000-0000-4000-8000-000000000000' } }, async ({ actor, params, body }) => ({ items: await roles.grant(actor, params.id, body) }))
    .delete('/users/:id/grants/:grantId', { summary: 'Revoke a grant', permission: 'grant.manage', params: GrantParams, status: 204, tenancy: OBJ }, async ({ actor, params }) => {
      await roles.revoke(actor, params.id, params.grantId);
      return null;
    });
}

export function roleRoutes(roles: RoleService) {
  const none = { none: 'roles are platform-wide definitions without organisation' };
  return defineRoutes('roles')
    .get('/roles', { summary: 'List roles and their permissions', permission: 'role.read', response: z.object({ items: z.array(Role) }), tenancy: none }, async ({ actor }) => ({ items: await roles.list(actor) }))
    .post('/roles', { summary: 'Create a custom role (business permissions only)', permission: 'role.manage', body: RoleCreateInput, response: Role, status: 201, tenancy: none, example: { key: 'duty_engineer', name: '值班工程师', nameEn: 'Duty engineer', permissions: ['org.read'] } }, ({ actor, body }) => roles.create(actor, body))
    .patch('/roles/:id', { summary: 'Update a custom role', permission: 'role.manage', params: IdParam, body: RoleUpdateInput, response: Role, tenancy: none, example: { name: '值班工程师' } }, ({ actor, params, body }) => roles.update(actor, params.id, body))
    .delete('/roles/:id', { summary: 'Delete a custom role that nobody holds', permission: 'role.manage', params: IdParam, status: 204, tenancy: none }, async ({ actor, params }) => {
      await roles.remove(actor, params.id);
      return null;
    });
}

export function policyRoutes(policy: PolicyService) {
  const none = { none: 'platform security policy' };
  return defineRoutes('security-policy')
    .get('/security-policy', { summary: 'Password, lockout and session policy', permission: 'policy.manage', response: SecurityPolicy, tenancy: none }, ({ actor }) => policy.get(actor))
    .put('/security-policy', { summary: 'Change the security policy (安全管理员 only)', permission: 'policy.manage', body: SecurityPolicyUpdateInput, response: SecurityPolicy, tenancy: none, example: { lockout: { maxFailures: 5, lockMinutes: 30 } } }, ({ actor, body }) => policy.update(actor, body));
}

export function tokenRoutes(tokens: TokenService) {
  return defineRoutes('api-tokens')
    .get('/api-tokens', { summary: 'List API tokens in scope', permission: 'token.manage', response: z.object({ items: z.array(ApiToken) }), tenancy: { list: 'api_token' } }, async ({ actor }) => ({ items: await tokens.list(actor) }))
    .post('/api-tokens', { summary: 'Create an API token; the secret is returned once', permission: 'token.manage', sessionOnly: true, body: ApiTokenCreateInput, response: ApiTokenCreated, status: 201, tenancy: { none: 'organisations are checked like an :id' }, example: { orgId: '00000000-0000-4000-8000-000000000000', name: 'HIS 集成', permissions: ['org.read'], orgIds: ['00000000-0000-4000-8000-000000000000'] } }, ({ actor, body }) => tokens.create(actor, body))
    .post('/api-tokens/:id/revoke', { summary: 'Revoke an API token', permission: 'token.manage', params: IdParam, response: ApiToken, tenancy: { object: 'api_token' } }, ({ actor, params }) => tokens.revoke(actor, params.id));
}
