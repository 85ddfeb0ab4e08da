import type { Me } from '../../shared/schemas/access.ts';
import type { Permission } from '../../shared/permissions.ts';

/** One permission, or a list of which any one suffices (e.g. asset.read or asset_kind.manage). */
export type PermissionRule = Permission | readonly Permission[];

/** Whether the signed-in user holds a permission (or any of a list); only hides UI, the server decides. */
export function can(me: Pick<Me, 'permissions'>, permission: PermissionRule): boolean {
  if (typeof permission === 'string') return me.permissions.includes(permission);
  return permission.some((p) => me.permissions.includes(p));
}
