import type { Me } from '../../shared/schemas/access.ts';
import type { Permission } from '../../shared/permissions.ts';

/** Whether the signed-in user holds a permission; only hides UI, the server decides. */
export function can(me: Pick<Me, 'permissions'>, permission: Permission): boolean {
  return me.permissions.includes(permission);
}
