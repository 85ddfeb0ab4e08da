/** A half-open time interval [start, end). */
export interface TimeInterval {
  start: Date;
  end: Date;
}

/** One stored outage: state 'down' or 'unreachable'; end null while it lasts. */
export interface OutageRecord {
  start: Date;
  end: Date | null;
  state: string;
  cause: string | null;
}

/** An outage as reported for a period: clipped to it, end null while it lasts. */
export interface PeriodOutage extends OutageRecord {
  durationSeconds: number;
}

export interface Availability {
  /** length of [from, to) */
  periodSeconds: number;
  /** maintenance within [from, to), overlapping windows counted once */
  maintenanceSeconds: number;
  /** outage time outside maintenance, up to `now` */
  downtimeSeconds: number;
  /** 100 × (1 − downtime / (elapsed − maintenance)), 4 decimals; 100 when nothing has elapsed */
  availabilityPct: number;
  target: number;
  meetsTarget: boolean;
  /** downtime the target allows over the whole period: (1 − target/100) × (period − maintenance) */
  budgetSeconds: number;
  /** budget − downtime; negative once the budget is spent */
  remainingBudgetSeconds: number;
  outages: PeriodOutage[];
}

export interface ProbeAvailabilityInput {
  from: Date;
  to: Date;
  now: Date;
  outages: OutageRecord[];
  maintenance: TimeInterval[];
  /** percent, e.g. 99.9 */
  target: number;
}

/** An interval as epoch milliseconds [start, end). */
export type Span = [number, number];

const toSpans = (xs: Array<{ start: Date; end: Date | null }>, openEnd: number): Span[] => xs.map((x) => [x.start.getTime(), x.end?.getTime() ?? openEnd]);
const clip = (spans: Span[], from: number, to: number): Span[] =>
  spans.map(([s, e]): Span => [Math.max(s, from), Math.min(e, to)]).filter(([s, e]) => e > s);
const lengthMs = (spans: Span[]) => spans.reduce((sum, [s, e]) => sum + (e - s), 0);
const seconds = (ms: number) => ms / 1000;

/** Sorted union of intervals: overlapping or touching ones become one. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `a` minus `b`; both merged (sorted, disjoint). */
export function subtractSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [s0, e] of a) {
    let s = s0;
    for (const [bs, be] of b) {
      if (be <= s || bs >= e) continue;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e) break;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** Overlap of two merged interval lists. */
export function intersectSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [as, ae] of a) for (const [bs, be] of b) if (Math.min(ae, be) > Math.max(as, bs)) out.push([Math.max(as, bs), Math.min(ae, be)]);
  return mergeSpans(out);
}

/** Targets have at most 3 decimals (numeric(6,3)): whole thousandths of a percent keep the budget exact. */
const toleranceMilli = (target: number) => Math.round((100 - target) * 1000);

/**
 * The figures of one period from downtime and maintenance spans. `downtime` is the union of outage time
 * up to now; maintenance is subtracted from it here. The percentage is over the elapsed part of the
 * period (up to now), the budget over the whole period, so a running month shows its remaining budget.
 */
function summarise<O extends PeriodOutage>(from: number, to: number, now: number, downtime: Span[], maintenance: Span[], target: number, outages: O[]): Omit<Availability, 'outages'> & { outages: O[] } {
  const elapsedEnd = Math.min(Math.max(now, from), to);
  const maint = mergeSpans(clip(maintenance, from, to));
  const downMs = lengthMs(subtractSpans(mergeSpans(clip(downtime, from, elapsedEnd)), maint));
  const netMs = to - from - lengthMs(maint);
  const elapsedNetMs = elapsedEnd - from - lengthMs(clip(maint, from, elapsedEnd));
  const tolerance = toleranceMilli(target);
  const budgetMs = (tolerance * netMs) / 100_000;
  return {
    periodSeconds: seconds(to - from),
    maintenanceSeconds: seconds(lengthMs(maint)),
    downtimeSeconds: seconds(downMs),
    availabilityPct: elapsedNetMs > 0 ? Math.round(1_000_000 * (1 - downMs / elapsedNetMs)) / 10_000 : 100,
    target,
    // integer comparison of downtime/elapsed ≤ (100 − target)/100, free of floating-point rounding
    meetsTarget: downMs * 100_000 <= tolerance * Math.max(elapsedNetMs, 0),
    budgetSeconds: Math.round(budgetMs) / 1000,
    remainingBudgetSeconds: Math.round(budgetMs - downMs) / 1000,
    outages,
  };
}

/** Outages clipped to [from, min(to, now)), in start order; end stays null for one still running at the end of the period. */
function clipOutages<T extends OutageRecord>(outages: T[], from: number, to: number, now: number): Array<T & { durationSeconds: number }> {
  const elapsedEnd = Math.min(now, to);
  return outages
    .map((o) => {
      const start = Math.max(o.start.getTime(), from);
      const end = Math.min(o.end?.getTime() ?? now, elapsedEnd);
      const isRunning = o.end === null && now < to;
      return { ...o, start: new Date(start), end: isRunning ? null : new Date(end), durationSeconds: seconds(end - start) };
    })
    .filter((o) => o.durationSeconds > 0)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Availability of one probe over [from, to): its outages (merged), minus its maintenance, against its target. */
export function probeAvailability({ from, to, now, outages, maintenance, target }: ProbeAvailabilityInput): Availability {
  const [f, t, n] = [from.getTime(), to.getTime(), now.getTime()];
  return summarise(f, t, n, toSpans(outages, n), toSpans(maintenance, n), target, clipOutages(outages, f, t, n));
}

export interface AssetProbeInput {
  probeId: string;
  target: number;
  outages: OutageRecord[];
  maintenance: TimeInterval[];
}

export type AssetAvailability = Omit<Availability, 'outages'> & { outages: Array<PeriodOutage & { probeId: string }> };

/**
 * Availability of an asset (a system) from its probes: it is down while any probe is in an outage outside
 * that probe's own maintenance, in maintenance while all of its probes are, and held to the strictest target.
 */
export function assetAvailabilityOf({ from, to, now, probes }: { from: Date; to: Date; now: Date; probes: AssetProbeInput[] }): AssetAvailability {
  if (probes.length === 0) throw new Error('assetAvailabilityOf needs at least one probe');
  const [f, t, n] = [from.getTime(), to.getTime(), now.getTime()];
  let downtime: Span[] = [];
  let maintenance: Span[] | null = null;
  for (const p of probes) {
    const own = mergeSpans(clip(toSpans(p.maintenance, n), f, t));
    downtime = downtime.concat(subtractSpans(mergeSpans(clip(toSpans(p.outages, n), f, t)), own));
    maintenance = maintenance === null ? own : intersectSpans(maintenance, own);
  }
  const outages = clipOutages(
    probes.flatMap((p) => p.outages.map((o) => ({ ...o, probeId: p.probeId }))),
    f,
    t,
    n,
  );
  const target = Math.max(...probes.map((p) => p.target));
  return summarise(f, t, n, mergeSpans(downtime), maintenance ?? [], target, outages);
}
