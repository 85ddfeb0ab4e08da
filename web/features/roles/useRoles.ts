import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleCreateInput, RoleUpdateInput } from '../../../shared/schemas/access.ts';
import { createRole, deleteRole, listRoles, rolesKey, updateRole } from './roles.api.ts';

export function useRoles() {
  return useQuery({ queryKey: rolesKey, queryFn: listRoles, staleTime: 60_000 });
}

export function useRoleMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: rolesKey });
  return {
    create: useMutation({ mutationFn: (input: RoleCreateInput) => createRole(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: RoleUpdateInput }) => updateRole(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteRole(id), onSuccess }),
  };
}
