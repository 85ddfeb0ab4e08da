import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxReadInput } from '../../../shared/schemas/alerts.ts';
import { fetchInbox, inboxKey, markInboxRead } from './alerts.api.ts';

export const INBOX_POLL_MS = 30_000;

/** The newest in-app notifications and the unread count, polled every 30 s while `isPolling`. */
export function useInbox(isPolling: boolean, enabled = true) {
  return useQuery({
    queryKey: [...inboxKey, 'recent'],
    queryFn: () => fetchInbox({ page: 1, pageSize: 10 }),
    refetchInterval: isPolling ? INBOX_POLL_MS : false,
    enabled,
  });
}

export function useMarkInboxRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (input: InboxReadInput) => markInboxRead(input), onSuccess: () => qc.invalidateQueries({ queryKey: inboxKey }) });
}
