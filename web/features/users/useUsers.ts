import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantCreateInput, UserCreateInput, UserUpdateInput } from '../../../shared/schemas/access.ts';
import { meKey } from '../auth/auth.api.ts';
import {
  addGrant,
  createUser,
  deleteUser,
  grantsKey,
  listGrants,
  listUsers,
  removeGrant,
  resetPassword,
  runUserAction,
  updateUser,
  usersKey,
  type UserAction,
  type UserQuery,
} from './users.api.ts';

export function useUsers(query: UserQuery) {
  return useQuery({ queryKey: [...usersKey, query], queryFn: () => listUsers(query), placeholderData: keepPreviousData });
}

/** Every user mutation refreshes the list; grant changes may change my own permissions too. */
function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: usersKey });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (input: UserCreateInput) => createUser(input), onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: UserUpdateInput }) => updateUser(id, input), onSuccess: invalidate });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => deleteUser(id), onSuccess: invalidate });
}

export function useUserAction() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: ({ id, action }: { id: string; action: UserAction }) => runUserAction(id, action), onSuccess: invalidate });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => resetPassword(id), onSuccess: invalidate });
}

export function useGrants(userId: string | undefined) {
  return useQuery({ queryKey: grantsKey(userId ?? ''), queryFn: () => listGrants(userId ?? ''), enabled: Boolean(userId) });
}

export function useGrantMutations(userId: string) {
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries({ queryKey: usersKey });
    await qc.invalidateQueries({ queryKey: meKey });
  };
  return {
    add: useMutation({ mutationFn: (input: GrantCreateInput) => addGrant(userId, input), onSuccess }),
    remove: useMutation({ mutationFn: (grantId: string) => removeGrant(userId, grantId), onSuccess }),
  };
}
