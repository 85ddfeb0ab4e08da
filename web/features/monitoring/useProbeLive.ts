import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ProbeLiveEvent, type ProbePage } from '../../../shared/schemas/probes.ts';
import { PROBE_LIVE_URL, probeKey, probeListKey } from './monitoring.api.ts';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/** After a burst of changes (a switch going down takes its neighbours with it) refetch counts once, not per event. */
const REFRESH_DELAY_MS = 1_500;

/** Puts a state change into every cached list page at once, so the badge turns before any refetch. */
function patchLists(qc: QueryClient, event: ProbeLiveEvent): void {
  qc.setQueriesData<ProbePage>({ queryKey: probeListKey }, (old) =>
    old && old.items.some((p) => p.id === event.probeId)
      ? { ...old, items: old.items.map((p) => (p.id === event.probeId ? { ...p, state: event.toState, stateSince: event.changedAt, stateMessage: event.message } : p)) }
      : old,
  );
}

/**
 * Follows /api/probes/live (server-sent events) while a monitoring page is open: each state change patches the
 * cached lists, then the counts and the probe's own page are refetched. EventSource reconnects by itself after a
 * dropped connection; an answer other than 200 (not mounted yet, session ended) closes it and shows 'offline'.
 */
export function useProbeLive(enabled = true): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(PROBE_LIVE_URL, { withCredentials: true });
    const touched = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      void qc.invalidateQueries({ queryKey: ['probes', 'summary'] });
      void qc.invalidateQueries({ queryKey: ['probes', 'stats'] });
      for (const id of touched) void qc.invalidateQueries({ queryKey: probeKey(id) });
      touched.clear();
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    const onEvent = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return; // a comment or keep-alive line
      }
      const event = ProbeLiveEvent.safeParse(data);
      if (!event.success) return;
      patchLists(qc, event.data);
      touched.add(event.data.probeId);
      timer ??= setTimeout(flush, REFRESH_DELAY_MS);
    };
    // the server names its events 'probe-state' (and sends 'ping' keep-alives); unnamed ones are accepted too
    source.addEventListener('probe-state', onEvent);
    source.onmessage = onEvent;
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, qc]);
  return enabled ? status : 'offline';
}
