import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationCreateInput, OrganisationUpdateInput } from '../../../shared/schemas/organisations.ts';
import {
  createOrganisation,
  deleteOrganisation,
  listOrganisations,
  organisationsKey,
  updateOrganisation,
} from './organisations.api.ts';

/** All organisations the user can see (used by the tree, the scope selector and every org picker). */
export function useOrganisations(enabled = true) {
  return useQuery({ queryKey: organisationsKey, queryFn: () => listOrganisations(), staleTime: 60_000, enabled });
}

export function useCreateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationCreateInput) => createOrganisation(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: organisationsKey }),
  });
}

export function useUpdateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: OrganisationUpdateInput }) => updateOrganisation(id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: organisationsKey }),
  });
}

export function useDeleteOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteOrganisation(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: organisationsKey }),
  });
}
