import { api, parse } from '../../app/api.ts';
import {
  AssignmentGroup,
  AssignmentGroupPage,
  TicketCategory,
  TicketCategoryPage,
  type AssignmentGroupCreateInput,
  type AssignmentGroupUpdateInput,
  type TicketCategoryCreateInput,
  type TicketCategoryUpdateInput,
} from '../../../shared/schemas/servicedesk.ts';

// The desk's catalogue: the ticket category tree and the assignment groups with their members.
export const ticketCategoriesKey = ['ticket-categories'] as const;
export const assignmentGroupsKey = ['assignment-groups'] as const;

export async function listTicketCategories(query: { orgId?: string; includeInactive?: boolean; page: number; pageSize: number }): Promise<TicketCategoryPage> {
  return parse(
    TicketCategoryPage,
    await api.get('/api/ticket-categories', { orgId: query.orgId, includeInactive: query.includeInactive ? 'true' : undefined, page: query.page, pageSize: query.pageSize }),
  );
}

export async function createTicketCategory(input: TicketCategoryCreateInput): Promise<TicketCategory> {
  return parse(TicketCategory, await api.post('/api/ticket-categories', input));
}

export async function updateTicketCategory(id: string, input: TicketCategoryUpdateInput): Promise<TicketCategory> {
  return parse(TicketCategory, await api.patch(`/api/ticket-categories/${id}`, input));
}

export async function deleteTicketCategory(id: string): Promise<void> {
  await api.delete(`/api/ticket-categories/${id}`);
}

export async function listAssignmentGroups(query: { orgId?: string; page: number; pageSize: number; q?: string }): Promise<AssignmentGroupPage> {
  return parse(AssignmentGroupPage, await api.get('/api/assignment-groups', query));
}

export async function createAssignmentGroup(input: AssignmentGroupCreateInput): Promise<AssignmentGroup> {
  return parse(AssignmentGroup, await api.post('/api/assignment-groups', input));
}

export async function updateAssignmentGroup(id: string, input: AssignmentGroupUpdateInput): Promise<AssignmentGroup> {
  return parse(AssignmentGroup, await api.patch(`/api/assignment-groups/${id}`, input));
}

export async function deleteAssignmentGroup(id: string): Promise<void> {
  await api.delete(`/api/assignment-groups/${id}`);
}
