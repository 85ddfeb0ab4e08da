import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssignmentGroupCreateInput, AssignmentGroupUpdateInput, TicketCategoryCreateInput, TicketCategoryUpdateInput } from '../../../shared/schemas/servicedesk.ts';
import {
  assignmentGroupsKey,
  createAssignmentGroup,
  createTicketCategory,
  deleteAssignmentGroup,
  deleteTicketCategory,
  listAssignmentGroups,
  listTicketCategories,
  ticketCategoriesKey,
  updateAssignmentGroup,
  updateTicketCategory,
} from './desk-catalog.api.ts';

/** One fetch serves every picker for a minute. */
const STALE_MS = 60_000;
const ALL = { page: 1, pageSize: 500 } as const;

export function useTicketCategories(orgId?: string, options: { includeInactive?: boolean; enabled?: boolean } = {}) {
  const query = { orgId, includeInactive: options.includeInactive ?? false, ...ALL };
  return useQuery({ queryKey: [...ticketCategoriesKey, query], queryFn: () => listTicketCategories(query), staleTime: STALE_MS, enabled: options.enabled ?? true });
}

export function useAssignmentGroups(orgId?: string, enabled = true) {
  const query = { orgId, ...ALL };
  return useQuery({ queryKey: [...assignmentGroupsKey, query], queryFn: () => listAssignmentGroups(query), staleTime: STALE_MS, enabled });
}

export function useTicketCategoryMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: ticketCategoriesKey });
  return {
    create: useMutation({ mutationFn: (input: TicketCategoryCreateInput) => createTicketCategory(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketCategoryUpdateInput }) => updateTicketCategory(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteTicketCategory(id), onSuccess }),
  };
}

export function useAssignmentGroupMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: assignmentGroupsKey });
  return {
    create: useMutation({ mutationFn: (input: AssignmentGroupCreateInput) => createAssignmentGroup(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: AssignmentGroupUpdateInput }) => updateAssignmentGroup(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteAssignmentGroup(id), onSuccess }),
  };
}
