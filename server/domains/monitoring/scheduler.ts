/** What the scheduler needs to know of a probe. */
export interface SchedulerEntry {
  id: string;
  intervalMs: number;
  retryIntervalMs: number;
  /** runs with the same key share `perTargetLimit` */
  targetKey: string;
}

/** What one run tells the scheduler back. */
export interface RunReport {
  /** an unconfirmed failure: run again after the retry interval */
  wantsRetry: boolean;
}

export interface SchedulerOptions {
  now: () => number;
  /** runs one probe; `scheduledAtMs` is the slot it was due at (for lateness and result timestamps) */
  run: (id: string, scheduledAtMs: number) => Promise<RunReport>;
  maxInFlight?: number;
  perTargetLimit?: number;
  onError?: (id: string, err: unknown) => void;
}

export interface SchedulerStats {
  probes: number;
  inFlight: number;
  waiting: number;
  started: number;
  /** slots skipped because the probe's previous run had not finished */
  skipped: number;
  lateMsP95: number;
}

interface Slot { dueMs: number; id: string; gen: number; isRetry: boolean }
interface Tracked { entry: SchedulerEntry; gen: number; phaseMs: number; isRunning: boolean }

/** Stable offset of a probe inside its interval, so probes spread over the interval instead of firing together. */
export function phaseOf(id: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % intervalMs;
}

/** The first slot of the probe's grid strictly after `afterMs`: slots sit at phase + k × interval and never drift. */
export function nextSlot(afterMs: number, intervalMs: number, phaseMs: number): number {
  return phaseMs + (Math.floor((afterMs - phaseMs) / intervalMs) + 1) * intervalMs;
}

/**
 * Runs probes on a fixed grid. One timer for all probes (a binary heap of due slots), a global cap on runs in
 * flight and a per-target cap, FIFO queues when a cap is reached. A probe never overlaps itself: a slot that comes
 * while its previous run is still going is skipped and counted. Retries of unconfirmed failures go between slots.
 */
export function createScheduler(opts: SchedulerOptions) {
  const maxInFlight = opts.maxInFlight ?? 1000;
  const perTargetLimit = opts.perTargetLimit ?? 4;
  const probes = new Map<string, Tracked>();
  const heap: Slot[] = [];
  // Slots that could not start: per target when that target is at its cap, else in one queue behind the global
  // cap. A finished run looks only at its own target's queue and the global one: O(1), not a scan of everyone
  // waiting (with 50,000 probes on a few targets that scan was the whole CPU).
  const waitingByTarget = new Map<string, Fifo<Slot>>();
  const waitingGlobal = new Fifo<Slot>();
  let waitingCount = 0;
  const targetInFlight = new Map<string, number>();
  let inFlight = 0;
  let started = 0;
  let skipped = 0;
  let timer: NodeJS.Timeout | null = null;
  let timerDueMs = Infinity;
  let isRunning = false;
  const lateness = new Float64Array(1024);
  let latenessCount = 0;

  function push(slot: Slot) {
    heap.push(slot);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.dueMs <= heap[i]!.dueMs) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
    if (isRunning && slot.dueMs < timerDueMs) arm();
  }

  function pop(): Slot | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.dueMs < heap[m]!.dueMs) m = l;
        if (r < heap.length && heap[r]!.dueMs < heap[m]!.dueMs) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  }

  function arm() {
    if (timer) clearTimeout(timer);
    timer = null;
    timerDueMs = Infinity;
    if (!isRunning || heap.length === 0) return;
    timerDueMs = heap[0]!.dueMs;
    timer = setTimeout(tick, Math.max(0, timerDueMs - opts.now()));
  }

  function tick() {
    timer = null;
    timerDueMs = Infinity;
    const now = opts.now();
    while (heap.length > 0 && heap[0]!.dueMs <= now) {
      const slot = pop()!;
      const tracked = probes.get(slot.id);
      if (!tracked || tracked.gen !== slot.gen) continue;
      if (!slot.isRetry) push({ dueMs: nextSlot(slot.dueMs, tracked.entry.intervalMs, tracked.phaseMs), id: slot.id, gen: slot.gen, isRetry: false });
      if (tracked.isRunning) {
        skipped++;
        continue;
      }
      dispatch(slot, tracked);
    }
    arm();
  }

  function dispatch(slot: Slot, tracked: Tracked) {
    const key = tracked.entry.targetKey;
    tracked.isRunning = true;
    if ((targetInFlight.get(key) ?? 0) >= perTargetLimit) {
      let q = waitingByTarget.get(key);
      if (!q) waitingByTarget.set(key, (q = new Fifo<Slot>()));
      q.push(slot);
      waitingCount++;
    } else if (inFlight >= maxInFlight) {
      waitingGlobal.push(slot);
      waitingCount++;
    } else start(slot, tracked);
  }

  /** Starts a queued slot if its probe is still the same generation; false when it was dropped instead. */
  function startQueued(slot: Slot): boolean {
    waitingCount--;
    const tracked = probes.get(slot.id);
    if (!tracked || tracked.gen !== slot.gen) {
      if (tracked) tracked.isRunning = false;
      return false;
    }
    start(slot, tracked);
    return true;
  }

  function drainWaiting(freedTarget: string) {
    const q = waitingByTarget.get(freedTarget);
    while (q && q.size > 0 && inFlight < maxInFlight && (targetInFlight.get(freedTarget) ?? 0) < perTargetLimit) startQueued(q.shift()!);
    if (q && q.size === 0) waitingByTarget.delete(freedTarget);
    while (waitingGlobal.size > 0 && inFlight < maxInFlight) {
      const slot = waitingGlobal.shift()!;
      const tracked = probes.get(slot.id);
      const key = tracked?.entry.targetKey;
      if (tracked && tracked.gen === slot.gen && key !== undefined && (targetInFlight.get(key) ?? 0) >= perTargetLimit) {
        let tq = waitingByTarget.get(key);
        if (!tq) waitingByTarget.set(key, (tq = new Fifo<Slot>()));
        tq.push(slot);
      } else startQueued(slot);
    }
  }

  function start(slot: Slot, tracked: Tracked) {
    const { entry } = tracked;
    tracked.isRunning = true;
    inFlight++;
    started++;
    targetInFlight.set(entry.targetKey, (targetInFlight.get(entry.targetKey) ?? 0) + 1);
    lateness[latenessCount++ % lateness.length] = opts.now() - slot.dueMs;
    const finish = (report: RunReport | null) => {
      tracked.isRunning = false;
      inFlight--;
      const n = (targetInFlight.get(entry.targetKey) ?? 1) - 1;
      if (n === 0) targetInFlight.delete(entry.targetKey);
      else targetInFlight.set(entry.targetKey, n);
      const current = probes.get(entry.id);
      if (report?.wantsRetry && current && current.gen === slot.gen) {
        const retryAt = opts.now() + entry.retryIntervalMs;
        // A retry that would land on or after the next grid slot is pointless: that slot runs anyway.
        if (retryAt < nextSlot(opts.now(), entry.intervalMs, tracked.phaseMs) - 1000) push({ dueMs: retryAt, id: entry.id, gen: slot.gen, isRetry: true });
      }
      drainWaiting(entry.targetKey);
    };
    opts.run(entry.id, slot.dueMs).then(finish, (err: unknown) => {
      opts.onError?.(entry.id, err);
      finish(null);
    });
  }

  return {
    /** Adds or replaces a probe; its next run is its next grid slot (or now, with `runNow`). */
    upsert(entry: SchedulerEntry, o: { runNow?: boolean } = {}) {
      const previous = probes.get(entry.id);
      const gen = (previous?.gen ?? 0) + 1;
      const phaseMs = phaseOf(entry.id, entry.intervalMs);
      probes.set(entry.id, { entry, gen, phaseMs, isRunning: previous?.isRunning ?? false });
      const now = opts.now();
      push({ dueMs: nextSlot(now, entry.intervalMs, phaseMs), id: entry.id, gen, isRetry: false });
      // An extra run now, off the grid (like a retry), on top of the grid slots that follow.
      if (o.runNow) push({ dueMs: now, id: entry.id, gen, isRetry: true });
    },
    remove(id: string) {
      probes.delete(id);
    },
    has: (id: string) => probes.has(id),
    ids: () => [...probes.keys()],
    start() {
      isRunning = true;
      arm();
    },
    stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    inFlight: () => inFlight,
    stats(): SchedulerStats {
      const n = Math.min(latenessCount, lateness.length);
      const sorted = Array.from(lateness.subarray(0, n)).sort((a, b) => a - b);
      return { probes: probes.size, inFlight, waiting: waitingCount, started, skipped, lateMsP95: n ? sorted[Math.floor(n * 0.95)]! : 0 };
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;

/** A queue with O(1) push and shift (Array#shift moves every element). */
class Fifo<T> {
  private items: Array<T | undefined> = [];
  private head = 0;
  get size() {
    return this.items.length - this.head;
  }
  push(item: T) {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact now and then so a long-lived queue does not keep a long dead prefix.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
