import { api, parse } from '../../app/api.ts';
import {
  MyTicket,
  MyTicketPage,
  RevealedPhone,
  TicketComment,
  TicketCommentPage,
  TicketDetail,
  TicketEventPage,
  TicketPage,
  TicketWorkLog,
  TicketWorkLogPage,
  WorkbenchPage,
  type CommentVisibility,
  type MyTicketCreateInput,
  type TicketArriveInput,
  type TicketCommentInput,
  type TicketCreateInput,
  type TicketLevelInput,
  type TicketMergeInput,
  type TicketNoteInput,
  type TicketPauseInput,
  type TicketReassignInput,
  type TicketReopenInput,
  type TicketResolveInput,
  type TicketSatisfactionInput,
  type TicketStatus,
  type TicketUpdateInput,
  type TicketWorkLogInput,
} from '../../../shared/schemas/servicedesk.ts';
import { ticketQuery, type TicketFilters } from './ticket-query.ts';

export type { TicketFilters } from './ticket-query.ts';

// Every query key of the desk's tickets starts with 'tickets' (the reporter's own with 'my-tickets'), so one
// invalidate after a workflow step refreshes lists, the workbench and the open ticket alike.
export const ticketsKey = ['tickets'] as const;
export const ticketListKey = ['tickets', 'list'] as const;
export const workbenchKey = ['tickets', 'workbench'] as const;
export const ticketKey = (id: string) => ['tickets', 'one', id] as const;
export const myTicketsKey = ['my-tickets'] as const;

export async function listTickets(query: TicketFilters & { page: number; pageSize: number }): Promise<TicketPage> {
  return parse(TicketPage, await api.get('/api/tickets', ticketQuery(query)));
}

export async function fetchWorkbench(query: { page: number; pageSize: number }): Promise<WorkbenchPage> {
  return parse(WorkbenchPage, await api.get('/api/tickets/workbench', query));
}

export async function fetchTicket(id: string): Promise<TicketDetail> {
  return parse(TicketDetail, await api.get(`/api/tickets/${id}`));
}

export async function createTicket(input: TicketCreateInput): Promise<TicketDetail> {
  return parse(TicketDetail, await api.post('/api/tickets', input));
}

export async function updateTicket(id: string, input: TicketUpdateInput): Promise<TicketDetail> {
  return parse(TicketDetail, await api.patch(`/api/tickets/${id}`, input));
}

/** The full phone number; the server records who looked. */
export async function revealRequesterPhone(id: string): Promise<string | null> {
  return parse(RevealedPhone, await api.post(`/api/tickets/${id}/requester-phone`)).phone;
}

/** Every workflow step with the body it takes (POST /tickets/:id/<step>). */
export type TicketStepBodies = {
  respond: TicketNoteInput;
  arrive: TicketArriveInput;
  start: TicketNoteInput;
  pause: TicketPauseInput;
  resume: TicketNoteInput;
  resolve: TicketResolveInput;
  close: TicketNoteInput;
  reopen: TicketReopenInput;
  reassign: TicketReassignInput;
  level: TicketLevelInput;
  merge: TicketMergeInput;
};
export type TicketStep = keyof TicketStepBodies;
/** A step and its body, as one value a mutation can carry. */
export type TicketStepCall = { [S in TicketStep]: { step: S; body: TicketStepBodies[S] } }[TicketStep];

export async function runTicketStep(id: string, call: TicketStepCall): Promise<TicketDetail> {
  return parse(TicketDetail, await api.post(`/api/tickets/${id}/${call.step}`, call.body));
}

export async function rateTicket(id: string, input: TicketSatisfactionInput): Promise<TicketDetail> {
  return parse(TicketDetail, await api.post(`/api/tickets/${id}/satisfaction`, input));
}

export async function fetchTicketEvents(id: string, query: { page: number; pageSize: number }): Promise<TicketEventPage> {
  return parse(TicketEventPage, await api.get(`/api/tickets/${id}/events`, query));
}

export async function fetchTicketComments(id: string, query: { page: number; pageSize: number; visibility?: CommentVisibility }): Promise<TicketCommentPage> {
  return parse(TicketCommentPage, await api.get(`/api/tickets/${id}/comments`, query));
}

export async function addTicketComment(id: string, input: TicketCommentInput): Promise<TicketComment> {
  return parse(TicketComment, await api.post(`/api/tickets/${id}/comments`, input));
}

export async function fetchWorkLogs(id: string, query: { page: number; pageSize: number }): Promise<TicketWorkLogPage> {
  return parse(TicketWorkLogPage, await api.get(`/api/tickets/${id}/work-logs`, query));
}

export async function addWorkLog(id: string, input: TicketWorkLogInput): Promise<TicketWorkLog> {
  return parse(TicketWorkLog, await api.post(`/api/tickets/${id}/work-logs`, input));
}

// ---- the reporter's side (ticket.report) ----

export async function listMyTickets(query: { page: number; pageSize: number; status?: Array<TicketStatus | 'open'> }): Promise<MyTicketPage> {
  return parse(MyTicketPage, await api.get('/api/my-tickets', { page: query.page, pageSize: query.pageSize, status: query.status?.length ? query.status.join(',') : undefined }));
}

export async function reportTicket(input: MyTicketCreateInput): Promise<MyTicket> {
  return parse(MyTicket, await api.post('/api/my-tickets', input));
}

export async function fetchMyTicketComments(id: string, query: { page: number; pageSize: number }): Promise<TicketCommentPage> {
  return parse(TicketCommentPage, await api.get(`/api/my-tickets/${id}/comments`, query));
}

export async function addMyTicketComment(id: string, body: string): Promise<TicketComment> {
  return parse(TicketComment, await api.post(`/api/my-tickets/${id}/comments`, { body }));
}

export async function rateMyTicket(id: string, input: TicketSatisfactionInput): Promise<MyTicket> {
  return parse(MyTicket, await api.post(`/api/my-tickets/${id}/rate`, input));
}
