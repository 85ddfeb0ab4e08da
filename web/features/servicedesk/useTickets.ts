import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentVisibility, MyTicketCreateInput, TicketCommentInput, TicketCreateInput, TicketSatisfactionInput, TicketStatus, TicketUpdateInput, TicketWorkLogInput } from '../../../shared/schemas/servicedesk.ts';
import {
  addMyTicketComment,
  addTicketComment,
  addWorkLog,
  createTicket,
  fetchMyTicketComments,
  fetchTicket,
  fetchTicketComments,
  fetchTicketEvents,
  fetchWorkbench,
  fetchWorkLogs,
  listMyTickets,
  listTickets,
  myTicketsKey,
  rateMyTicket,
  rateTicket,
  reportTicket,
  revealRequesterPhone,
  runTicketStep,
  ticketKey,
  ticketListKey,
  ticketsKey,
  updateTicket,
  workbenchKey,
  type TicketFilters,
  type TicketStepCall,
} from './tickets.api.ts';

/** Queues and tickets refresh every 30 s while the tab is visible: countdowns tick locally in between. */
export const TICKET_LIVE_MS = 30_000;
/** Pickers and small lists ask for one big page. */
export const PICKER_PAGE = { page: 1, pageSize: 500 } as const;

export function useTicketList(query: TicketFilters & { page: number; pageSize: number }, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: [...ticketListKey, query], queryFn: () => listTickets(query), placeholderData: keepPreviousData, refetchInterval: TICKET_LIVE_MS, enabled: options.enabled ?? true });
}

export function useWorkbench(query: { page: number; pageSize: number }) {
  return useQuery({ queryKey: [...workbenchKey, query], queryFn: () => fetchWorkbench(query), placeholderData: keepPreviousData, refetchInterval: TICKET_LIVE_MS });
}

export function useTicket(id: string | null | undefined) {
  return useQuery({ queryKey: ticketKey(id ?? ''), queryFn: () => fetchTicket(id ?? ''), enabled: Boolean(id), refetchInterval: TICKET_LIVE_MS });
}

export function useTicketEvents(id: string) {
  return useQuery({ queryKey: [...ticketKey(id), 'events'], queryFn: () => fetchTicketEvents(id, { page: 1, pageSize: 200 }), refetchInterval: TICKET_LIVE_MS });
}

export function useTicketComments(id: string, visibility?: CommentVisibility) {
  return useQuery({ queryKey: [...ticketKey(id), 'comments', visibility ?? 'all'], queryFn: () => fetchTicketComments(id, { page: 1, pageSize: 200, visibility }) });
}

export function useWorkLogs(id: string) {
  return useQuery({ queryKey: [...ticketKey(id), 'work-logs'], queryFn: () => fetchWorkLogs(id, { page: 1, pageSize: 200 }) });
}

/** Every write on a ticket moves lists, the workbench and the ticket's own page: everything under ['tickets']. */
export function useTicketMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: ticketsKey });
  return {
    create: useMutation({ mutationFn: (input: TicketCreateInput) => createTicket(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketUpdateInput }) => updateTicket(id, input), onSuccess }),
    step: useMutation({ mutationFn: ({ id, call }: { id: string; call: TicketStepCall }) => runTicketStep(id, call), onSuccess }),
    rate: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketSatisfactionInput }) => rateTicket(id, input), onSuccess }),
    comment: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketCommentInput }) => addTicketComment(id, input), onSuccess }),
    logWork: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketWorkLogInput }) => addWorkLog(id, input), onSuccess }),
  };
}

/** The audited reveal: not cached, asked for on each click. */
export function useRevealPhone() {
  return useMutation({ mutationFn: (id: string) => revealRequesterPhone(id) });
}

// ---- the reporter's side ----

export function useMyTickets(query: { page: number; pageSize: number; status?: Array<TicketStatus | 'open'> }) {
  return useQuery({ queryKey: [...myTicketsKey, query], queryFn: () => listMyTickets(query), placeholderData: keepPreviousData, refetchInterval: 60_000 });
}

export function useMyTicketComments(id: string, enabled = true) {
  return useQuery({ queryKey: [...myTicketsKey, id, 'comments'], queryFn: () => fetchMyTicketComments(id, { page: 1, pageSize: 100 }), enabled });
}

export function useMyTicketMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: myTicketsKey });
  return {
    report: useMutation({ mutationFn: (input: MyTicketCreateInput) => reportTicket(input), onSuccess }),
    comment: useMutation({ mutationFn: ({ id, body }: { id: string; body: string }) => addMyTicketComment(id, body), onSuccess }),
    rate: useMutation({ mutationFn: ({ id, input }: { id: string; input: TicketSatisfactionInput }) => rateMyTicket(id, input), onSuccess }),
  };
}
