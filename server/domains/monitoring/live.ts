import type { ProbeLiveEvent } from '../../../shared/schemas/probes.ts';
import type { Logger } from '../../platform/log.ts';
import type { ProbeStateFeed } from './transitions.ts';

type Listener = { orgIds: ReadonlySet<string>; send: (e: ProbeLiveEvent) => void };

const POLL_MS = 1_000;

/**
 * Fans probe state changes out to the open consoles of this process. One poller reads the durable feed (so
 * changes made by other worker processes arrive too) only while someone listens; each listener gets only the
 * changes of the organisations it may see.
 */
export function createProbeLive(feed: ProbeStateFeed, log: Logger) {
  const listeners = new Set<Listener>();
  let cursor: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function poll() {
    if (cursor === null) {
      // Start at the newest change: a console that opens now wants what happens from now on.
      const newest = await feed.since('0', 1, 'desc');
      cursor = newest[0]?.id ?? '0';
      return;
    }
    for (;;) {
      const events = await feed.since(cursor, 500);
      for (const e of events) {
        cursor = e.id;
        const live: ProbeLiveEvent = { id: e.id, probeId: e.probeId, orgId: e.orgId, fromState: e.fromState, toState: e.toState, changedAt: e.changedAt.toISOString(), message: e.message };
        for (const l of listeners) if (l.orgIds.has(e.orgId)) l.send(live);
      }
      if (events.length < 500) break;
    }
  }

  function schedule() {
    timer = setTimeout(() => {
      poll()
        .catch((err: unknown) => log.warn({ err }, 'live probe feed poll failed'))
        .finally(() => {
          if (listeners.size > 0) schedule();
          else timer = null;
        });
    }, POLL_MS);
    timer.unref();
  }

  return {
    /** Adds a listener; returns the function that removes it. */
    subscribe(orgIds: ReadonlySet<string>, send: (e: ProbeLiveEvent) => void): () => void {
      const l = { orgIds, send };
      listeners.add(l);
      if (!timer) {
        cursor = null;
        void poll().catch(() => undefined);
        schedule();
      }
      return () => listeners.delete(l);
    },
    size: () => listeners.size,
  };
}

export type ProbeLive = ReturnType<typeof createProbeLive>;
