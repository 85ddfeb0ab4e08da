/**
 * SLA clocks of one ticket, computed from its events on its calendar. Pure: no I/O, no clock reads (`now` is an
 * argument), same input → same output. docs/sla-clocks.md has the same rules with worked examples.
 *
 * Rules
 * 1. Clocks and what stops them (the first of the listed events; later ones change nothing):
 *    - response:   responded | on_site | diagnosed | resolved | closed   (arriving or fixing implies a response)
 *    - onSite:     on_site | resolved | closed   (resolved without a visit: judged against the on-site due like a visit)
 *    - diagnosis:  diagnosed | resolved | closed
 *    - resolution: resolved | closed; `reopened` resumes it from where it stopped (the resolved → reopened span is
 *      not counted), so its due moves by the business time the ticket sat resolved. The other clocks stay stopped.
 *    A clock whose level has no target for it is 'not_applicable'. `options.notApplicable` switches clocks off per ticket.
 * 2. Start: every clock starts at `opened`, except a resolution clock of a level with resolutionFrom 'on_site'
 *    (seed 002 “到现场后4小时之内”), which starts at on-site arrival, at the latest when on-site was due: a late
 *    arrival does not buy extra resolution time, the on-site clock carries that breach.
 * 3. Pauses: `paused(reason)` stops the clocks the reason lists (policy.pauseReasons[].stops); the response clock is
 *    never paused. A second `paused` switches the reason; `resumed`, `resolved` and `closed` end a pause. An unknown
 *    reason pauses the resolution clock only and is reported in `issues`. While a clock is paused its dueAt is
 *    provisional: the due time if it resumed now.
 * 4. Measuring: business minutes on the ticket's calendar (the snapshot the caller stored at open, see 7), or wall-clock
 *    minutes when the level's clock is '7x24' or the policy's calendar is '7x24'. Due = the instant at which the clock's
 *    counted (non-paused) time reaches the target; a due that lands on a period end (17:00) is due then.
 * 5. Off hours (seed 001 服务方式, seed 004 三级故障): the band is decided once, by whether `opened` lies inside the
 *    working hours of the calendar. In the off-hours band a clock with an off-hours target uses it, measured on the
 *    wall clock (the promise exists precisely because nobody's working hours cover that time); a clock without one
 *    keeps its in-hours target on the level's clock.
 * 6. Level changes (`level_changed`): the target is replaced and the due recomputed from the clock's start with the
 *    new target; counted time is kept. An upgrade can therefore make a clock overdue at once (breachedAt = the change).
 *    A breach is sticky: a downgrade after it keeps isBreached. A clock that had already stopped keeps the level it
 *    stopped under. The off-hours band does not change with the level.
 * 7. Calendar edits: the engine only sees the calendar it is given. The ticket stores a snapshot at open
 *    (snapshotCalendar) and passes it back, so editing the working calendar later never moves existing tickets' clocks.
 * 8. Breach: a clock is breached when it is still counting at some instant after its due (stopping exactly at due is
 *    met). breachedAt = that first instant. Warning: a running or paused clock that is not breached and has used
 *    ≥ warnAtPercent of its target; warnAt = the instant it gets there.
 * 9. Reassignment changes nothing (clocks belong to the ticket, not to the assignee). Merging a duplicate closes it.
 * 10. Events are sorted by time (stable); events after `now`, before `opened`, or impossible in the current state are
 *    ignored and listed in `issues`.
 */
import {
  ALWAYS_ON,
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinBusinessHours,
  type BusinessCalendar,
} from '../../calendars/index.ts';
import { invalid } from '../../../platform/errors.ts';
import type {
  SlaClockKind,
  SlaClockState,
  SlaEvaluation,
  SlaLevel,
  SlaPolicy,
  TicketClockEvent,
} from '../../../../shared/schemas/sla.ts';
import { explainClock, type ClockFacts } from './explain.ts';

export interface ComputeClocksOptions {
  /** Clocks this ticket does not carry (e.g. no on-site clock for a consultation). */
  notApplicable?: readonly SlaClockKind[];
  /** Overrides the in/off-hours band decided from the open time. */
  band?: 'in_hours' | 'off_hours';
}

type Ms = number;
type StopKind = 'responded' | 'on_site' | 'diagnosed' | 'resolved' | 'closed';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const CLOCK_KINDS: readonly SlaClockKind[] = ['response', 'onSite', 'diagnosis', 'resolution'];
const STOPPERS: Record<Exclude<SlaClockKind, 'resolution'>, readonly StopKind[]> = {
  response: ['responded', 'on_site', 'diagnosed', 'resolved', 'closed'],
  onSite: ['on_site', 'resolved', 'closed'],
  diagnosis: ['diagnosed', 'resolved', 'closed'],
};
/** Pause reason key used for the resolved → reopened span of the resolution clock. */
export const RESOLVED_SPAN = 'resolved';

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic in milliseconds
// ---------------------------------------------------------------------------------------------------------------

/** Business-time arithmetic on one calendar (or the wall clock), collecting the years without holiday data. */
class Meter {
  constructor(
    readonly cal: BusinessCalendar | null /* null = wall clock */,
    private readonly years: Set<number>,
  ) {}

  /** Counted milliseconds in [a, b). */
  between(a: Ms, b: Ms): Ms {
    if (b <= a) return 0;
    if (!this.cal) return b - a;
    const r = businessMinutesBetween(this.cal, new Date(a), new Date(b));
    for (const y of r.incompleteYears) this.years.add(y);
    return Math.round(r.minutes * MINUTE);
  }

  /** The instant `amount` counted ms after `a`; with 0, the first counted instant at or after `a`. */
  add(a: Ms, amount: Ms): Ms {
    if (!this.cal) return a + amount;
    const whole = Math.floor(amount / MINUTE);
    const frac = amount - whole * MINUTE;
    let p = this.addMinutes(a, whole);
    if (frac === 0) return p;
    // addBusinessMinutes takes whole minutes; the sub-minute rest is placed by hand. Working periods are whole minutes,
    // so within less than a minute after a working instant the working time is one prefix [p, p + inside).
    p = this.addMinutes(p, 0);
    const inside = this.between(p, p + frac);
    if (inside >= frac) return p + frac;
    return this.addMinutes(p + inside, 0) + (frac - inside);
  }

  private addMinutes(a: Ms, minutes: number): Ms {
    const r = addBusinessMinutes(this.cal!, new Date(a), minutes);
    for (const y of r.incompleteYears) this.years.add(y);
    return r.at.getTime();
  }
}

/** A 7×24 calendar in the given zone (used when the policy itself is 7×24). */
export function alwaysOnCalendar(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  return {
    timeZone,
    weekly: [ALWAYS_ON, ALWAYS_ON, ALWAYS_ON, ALWAYS_ON, ALWAYS_ON, ALWAYS_ON, ALWAYS_ON],
    makeupRanges: ALWAYS_ON,
    exceptions: new Map(),
    coveredYears: new Set(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Events → timeline
// ---------------------------------------------------------------------------------------------------------------

interface Excluded {
  from: Ms;
  to: Ms | null; // null: still going at `now`
  reason: string;
  stops: ReadonlySet<SlaClockKind>;
}

interface Timeline {
  openedAt: Ms;
  initialLevel: string;
  levelChanges: Array<{ at: Ms; from: string; to: string }>;
  pauses: Excluded[];
  /** Resolution stop spans: resolved (or closed) → reopened; the last may be open. */
  stops: Array<{ from: Ms; to: Ms | null; by: 'resolved' | 'closed' }>;
  first: Partial<Record<StopKind, Ms>>;
  closed: boolean;
  issues: string[];
}

const describeEvent = (e: TicketClockEvent): string => `${e.kind} at ${e.at}`;

function parseInstant(at: string): Ms {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw invalid('sla.bad_event_time', `Event time "${at}" is not a valid ISO date-time`);
  return t;
}

function buildTimeline(policy: SlaPolicy, events: readonly TicketClockEvent[], now: Ms): Timeline {
  const sorted = events
    .map((e, i) => ({ e, t: parseInstant(e.at), i }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const levels = new Set(policy.levels.map((l) => l.key));
  const reasons = new Map(policy.pauseReasons.map((r) => [r.key, r]));
  const issues: string[] = [];
  let tl: Timeline | null = null;
  let level = '';
  let pause: Excluded | null = null;

  const endPause = (t: Ms) => {
    if (pause) pause.to = t;
    pause = null;
  };

  for (const { e, t } of sorted) {
    if (t > now) {
      issues.push(`ignored ${describeEvent(e)}: after the evaluation time`);
      continue;
    }
    if (!tl) {
      if (e.kind !== 'opened') {
        issues.push(`ignored ${describeEvent(e)}: before the ticket was opened`);
        continue;
      }
      if (!levels.has(e.level)) throw invalid('sla.unknown_level', `Level "${e.level}" is not in policy "${policy.name}"`);
      level = e.level;
      tl = { openedAt: t, initialLevel: e.level, levelChanges: [], pauses: [], stops: [], first: {}, closed: false, issues };
      continue;
    }
    const openStop = tl.stops.at(-1)?.to === null ? tl.stops.at(-1) : undefined;
    switch (e.kind) {
      case 'opened':
        issues.push(`ignored ${describeEvent(e)}: the ticket is already open`);
        break;
      case 'responded':
      case 'on_site':
      case 'diagnosed':
        tl.first[e.kind] ??= t;
        break;
      case 'paused': {
        if (openStop) {
          issues.push(`ignored ${describeEvent(e)}: the ticket is ${tl.closed ? 'closed' : 'resolved'}`);
          break;
        }
        const reason = reasons.get(e.reason);
        if (!reason) issues.push(`${describeEvent(e)}: unknown pause reason "${e.reason}", pausing the resolution clock only`);
        endPause(t);
        pause = { from: t, to: null, reason: e.reason, stops: new Set(reason?.stops ?? ['resolution']) };
        tl.pauses.push(pause);
        break;
      }
      case 'resumed':
        if (!pause) issues.push(`ignored ${describeEvent(e)}: the ticket is not paused`);
        endPause(t);
        break;
      case 'resolved':
        if (openStop) {
          issues.push(`ignored ${describeEvent(e)}: the ticket is already ${tl.closed ? 'closed' : 'resolved'}`);
          break;
        }
        endPause(t);
        tl.first.resolved ??= t;
        tl.stops.push({ from: t, to: null, by: 'resolved' });
        break;
      case 'closed':
        if (tl.closed) {
          issues.push(`ignored ${describeEvent(e)}: the ticket is already closed`);
          break;
        }
        endPause(t);
        tl.closed = true;
        tl.first.closed ??= t;
        if (!openStop) tl.stops.push({ from: t, to: null, by: 'closed' });
        break;
      case 'reopened':
        if (!openStop) {
          issues.push(`ignored ${describeEvent(e)}: the ticket is neither resolved nor closed`);
          break;
        }
        openStop.to = t;
        tl.closed = false;
        break;
      case 'level_changed':
        if (!levels.has(e.to)) issues.push(`ignored ${describeEvent(e)}: level "${e.to}" is not in the policy`);
        else if (e.to !== level) {
          tl.levelChanges.push({ at: t, from: level, to: e.to });
          level = e.to;
        }
        break;
      case 'reassigned':
        break;
    }
  }
  if (!tl) throw invalid('sla.not_opened', 'The events have no "opened" event at or before the evaluation time');
  return tl;
}

// ---------------------------------------------------------------------------------------------------------------
// One clock
// ---------------------------------------------------------------------------------------------------------------

type Interval = readonly [Ms, Ms];

/** Counting intervals in [start, horizon) once the excluded spans are cut out. */
function activeIntervals(start: Ms, horizon: Ms, excluded: ReadonlyArray<{ from: Ms; to: Ms }>): Interval[] {
  const out: Interval[] = [];
  let cur = start;
  for (const x of excluded) {
    if (cur >= horizon) break;
    if (x.to <= cur) continue;
    if (x.from >= horizon) break;
    if (x.from > cur) out.push([cur, Math.min(x.from, horizon)]);
    cur = Math.max(cur, x.to);
  }
  if (cur < horizon) out.push([cur, horizon]);
  return out;
}

/** Instant at which `amount` counted ms have passed, counting in `intervals` and then, without end, from `tail`. */
function reach(meter: Meter, intervals: readonly Interval[], tail: Ms, amount: Ms): Ms {
  let rest = amount;
  for (const [a, b] of intervals) {
    const m = meter.between(a, b);
    if (m >= rest) return meter.add(a, rest);
    rest -= m;
  }
  return meter.add(tail, rest);
}

/** First instant in [lo, hi) that is after `due` and inside a counting interval: when a clock is caught running late. */
function caughtLate(intervals: readonly Interval[], due: Ms, lo: Ms, hi: Ms): Ms | null {
  const from = Math.max(lo, due);
  for (const [a, b] of intervals) {
    if (b > from) {
      const t = Math.max(from, a);
      return t < hi ? t : null;
    }
  }
  return null;
}

interface Setup {
  level: SlaLevel;
  target: number | undefined;
  offHoursTarget: boolean;
  measuredOn: 'calendar' | '7x24';
}

const toMinutes = (ms: Ms): number => Math.round(ms / 60) / 1000;
const iso = (t: Ms | null): string | null => (t === null ? null : new Date(t).toISOString());

/**
 * Computes every SLA clock of a ticket at `now`.
 * @param calendar the ticket's calendar snapshot (the policy's working calendar as it was when the ticket opened)
 */
export function computeClocks(
  policy: SlaPolicy,
  events: readonly TicketClockEvent[],
  calendar: BusinessCalendar,
  now: Date,
  options: ComputeClocksOptions = {},
): SlaEvaluation {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw invalid('sla.bad_now', 'now must be a valid Date');
  const tl = buildTimeline(policy, events, nowMs);
  const years = new Set<number>();
  const policyIs7x24 = policy.calendar === '7x24';
  const workCal = policyIs7x24 ? alwaysOnCalendar(calendar.timeZone) : calendar;
  const calendarMeter = new Meter(policyIs7x24 ? null : calendar, years);
  const wallMeter = new Meter(null, years);
  const band =
    options.band ?? (policyIs7x24 || isWithinBusinessHours(calendar, new Date(tl.openedAt)) ? 'in_hours' : 'off_hours');
  const levelByKey = new Map(policy.levels.map((l) => [l.key, l]));
  const levelOf = (k: string): SlaLevel => levelByKey.get(k)!;
  const segments = [{ at: tl.openedAt, level: tl.initialLevel }, ...tl.levelChanges.map((c) => ({ at: c.at, level: c.to }))];
  const notApplicable = new Set(options.notApplicable ?? []);

  const setupOf = (level: SlaLevel, kind: SlaClockKind): Setup => {
    const off = band === 'off_hours' ? level.offHours?.[kind] : undefined;
    if (off !== undefined) return { level, target: off, offHoursTarget: true, measuredOn: '7x24' };
    const measuredOn = policyIs7x24 || level.clock === '7x24' ? '7x24' : 'calendar';
    return { level, target: level.targets[kind], offHoursTarget: false, measuredOn };
  };
  const meterOf = (s: Setup): Meter => (s.measuredOn === '7x24' ? wallMeter : calendarMeter);

  /** Where a clock stops and which spans it does not count. */
  const basics = (kind: SlaClockKind) => {
    let stoppedAt: Ms | null = null;
    let stoppedBy: StopKind | null = null;
    const spans: Array<{ from: Ms; to: Ms; reason: string; ongoing: boolean }> = [];
    for (const p of tl.pauses) {
      if (p.stops.has(kind)) spans.push({ from: p.from, to: p.to ?? nowMs, reason: p.reason, ongoing: p.to === null });
    }
    if (kind === 'resolution') {
      for (const s of tl.stops) {
        if (s.to === null) {
          stoppedAt = s.from;
          stoppedBy = s.by;
        } else spans.push({ from: s.from, to: s.to, reason: RESOLVED_SPAN, ongoing: false });
      }
    } else {
      for (const k of STOPPERS[kind]) {
        const t = tl.first[k];
        if (t !== undefined && (stoppedAt === null || t < stoppedAt)) {
          stoppedAt = t;
          stoppedBy = k;
        }
      }
    }
    spans.sort((a, b) => a.from - b.from);
    // Spans after the stop cannot matter; clip them so that a stop inside one is handled like any other.
    const horizon = stoppedAt ?? nowMs;
    const clipped = spans.filter((s) => s.from < horizon).map((s) => ({ ...s, to: Math.min(s.to, horizon) }));
    return { stoppedAt, stoppedBy, horizon, spans: clipped };
  };

  const basicsByKind = new Map(CLOCK_KINDS.map((k) => [k, basics(k)]));

  /** Due of a clock under one setup from `start`, plus its counting intervals up to the horizon. */
  const dueUnder = (kind: SlaClockKind, setup: Setup, start: Ms, amount: Ms) => {
    const b = basicsByKind.get(kind)!;
    const intervals = activeIntervals(start, b.horizon, b.spans);
    const meter = meterOf(setup);
    return { intervals, due: reach(meter, intervals, Math.max(start, b.horizon), amount), meter };
  };

  /** Start of a clock under a level: `opened`, or for resolution-from-on-site the arrival (at the latest the on-site due). */
  const startOf = (kind: SlaClockKind, level: SlaLevel): { at: Ms; from: ClockFacts['startedFrom'] } => {
    if (kind !== 'resolution' || level.resolutionFrom !== 'on_site') return { at: tl.openedAt, from: 'opened' };
    const onSite = setupOf(level, 'onSite');
    if (onSite.target === undefined) return { at: tl.openedAt, from: 'opened' };
    const onSiteDue = dueUnder('onSite', onSite, tl.openedAt, onSite.target * MINUTE).due;
    const arrived = tl.first.on_site;
    return arrived !== undefined && arrived <= onSiteDue ? { at: arrived, from: 'on_site' } : { at: onSiteDue, from: 'on_site_due' };
  };

  const reasonByKey = new Map(policy.pauseReasons.map((r) => [r.key, r]));
  const clocks: SlaClockState[] = [];
  for (const kind of CLOCK_KINDS) {
    const b = basicsByKind.get(kind)!;
    // A clock that stopped keeps the level it stopped under; a running one follows every change so far.
    const segs = segments.filter((s, i) => i === 0 || (b.stoppedAt === null ? s.at <= nowMs : s.at < b.stoppedAt));
    const currentSetup = setupOf(levelOf(segs.at(-1)!.level), kind);
    const levelChanges = tl.levelChanges
      .slice(0, segs.length - 1)
      .map((c) => ({ at: new Date(c.at), from: levelOf(c.from), to: levelOf(c.to) }));
    const facts: ClockFacts = {
      kind,
      status: 'not_applicable',
      level: currentSetup.level,
      band,
      offHoursTarget: false,
      measuredOn: currentSetup.measuredOn,
      targetMinutes: null,
      openedAt: new Date(tl.openedAt),
      startedAt: null,
      startedFrom: 'opened',
      dueAt: null,
      stoppedAt: null,
      stoppedBy: null,
      breachedAt: null,
      elapsedMinutes: 0,
      remainingMinutes: 0,
      percentUsed: 0,
      isWarning: false,
      warnAtPercent: policy.warnAtPercent,
      pauses: [],
      levelChanges,
    };
    if (notApplicable.has(kind)) {
      clocks.push(present(facts, workCal, { warnAt: null, spans: [], pausedMs: 0, pausedWallMs: 0 }));
      continue;
    }

    // Breach is sticky: look for the first moment the clock ran late under the level in effect at that moment.
    let breachedAt: Ms | null = null;
    let breachSetup: Setup | null = null;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const s = setupOf(levelOf(seg.level), kind);
      if (s.target === undefined) continue;
      const { intervals, due } = dueUnder(kind, s, startOf(kind, s.level).at, s.target * MINUTE);
      const end = Math.min(segs[i + 1]?.at ?? Number.POSITIVE_INFINITY, b.horizon);
      const late = caughtLate(intervals, due, seg.at, end);
      if (late !== null && (breachedAt === null || late < breachedAt)) {
        breachedAt = late;
        breachSetup = s;
      }
    }

    // Report against the current level; if it has no target but an earlier one was breached, against that one.
    const setup = currentSetup.target !== undefined ? currentSetup : breachSetup;
    if (setup === null || setup.target === undefined) {
      clocks.push(present(facts, workCal, { warnAt: null, spans: [], pausedMs: 0, pausedWallMs: 0 }));
      continue;
    }

    const target = setup.target * MINUTE;
    const start = startOf(kind, setup.level);
    const { intervals, due, meter } = dueUnder(kind, setup, start.at, target);
    const warnAmount = Math.round((target * policy.warnAtPercent) / 100);
    const warnAt = reach(meter, intervals, Math.max(start.at, b.horizon), warnAmount);
    const elapsed = intervals.reduce((sum, [x, y]) => sum + meter.between(x, y), 0);
    const stopped = b.stoppedAt !== null;
    const isBreached = breachedAt !== null;
    const spans = b.spans
      .filter((s) => s.to > start.at)
      .map((s) => {
        const from = Math.max(s.from, start.at);
        return { ...s, from, business: meter.between(from, s.to), wall: s.to - from };
      });

    facts.status = stopped ? (isBreached ? 'breached' : 'met') : spans.some((s) => s.ongoing) ? 'paused' : 'running';
    facts.level = setup.level;
    facts.offHoursTarget = setup.offHoursTarget;
    facts.measuredOn = setup.measuredOn;
    facts.targetMinutes = setup.target;
    facts.startedAt = new Date(start.at);
    facts.startedFrom = start.from;
    facts.dueAt = new Date(due);
    facts.stoppedAt = stopped ? new Date(b.stoppedAt!) : null;
    facts.stoppedBy = b.stoppedBy;
    facts.breachedAt = breachedAt === null ? null : new Date(breachedAt);
    facts.elapsedMinutes = toMinutes(elapsed);
    facts.remainingMinutes = toMinutes(target - elapsed);
    facts.percentUsed = Math.round((elapsed / target) * 1000) / 10;
    facts.isWarning = !stopped && !isBreached && elapsed >= warnAmount;
    facts.pauses = spans.map((p) => {
      const r = reasonByKey.get(p.reason);
      return {
        reason: p.reason,
        name: p.reason === RESOLVED_SPAN ? '已解决后重开' : (r?.name ?? p.reason),
        nameEn: p.reason === RESOLVED_SPAN ? 'resolved until reopened' : (r?.nameEn ?? p.reason),
        from: new Date(p.from),
        ongoing: p.ongoing,
        businessMinutes: toMinutes(p.business),
        wallMinutes: toMinutes(p.wall),
      };
    });
    clocks.push(
      present(facts, workCal, {
        warnAt,
        spans: spans.map((p) => ({
          reason: p.reason,
          from: iso(p.from)!,
          to: p.ongoing ? null : iso(p.to),
          businessMinutes: toMinutes(p.business),
          wallMinutes: toMinutes(p.wall),
        })),
        pausedMs: spans.reduce((sum, p) => sum + p.business, 0),
        pausedWallMs: spans.reduce((sum, p) => sum + p.wall, 0),
      }),
    );
  }

  const lastStop = tl.stops.at(-1);
  const openStop = lastStop && lastStop.to === null ? lastStop : undefined;
  const currentPause = tl.pauses.find((p) => p.to === null);
  const state = tl.closed ? 'closed' : openStop ? 'resolved' : currentPause ? 'paused' : 'open';
  return {
    levelKey: segments.at(-1)!.level,
    band,
    openedAt: iso(tl.openedAt)!,
    evaluatedAt: iso(nowMs)!,
    state,
    pause: currentPause ? { reason: currentPause.reason, since: iso(currentPause.from)! } : null,
    clocks,
    autoCloseAt:
      state === 'resolved' && policy.autoCloseAfterDays > 0 ? iso(openStop!.from + policy.autoCloseAfterDays * DAY) : null,
    incompleteYears: [...years].sort((a, b) => a - b),
    issues: tl.issues,
  };
}

function present(
  facts: ClockFacts,
  workCal: BusinessCalendar,
  extra: { warnAt: Ms | null; spans: SlaClockState['pauses']; pausedMs: Ms; pausedWallMs: Ms },
): SlaClockState {
  return {
    kind: facts.kind,
    status: facts.status,
    levelKey: facts.level.key,
    targetMinutes: facts.targetMinutes,
    measuredOn: facts.measuredOn,
    startedAt: facts.startedAt?.toISOString() ?? null,
    dueAt: facts.dueAt?.toISOString() ?? null,
    warnAt: iso(extra.warnAt),
    stoppedAt: facts.stoppedAt?.toISOString() ?? null,
    stoppedBy: facts.stoppedBy,
    breachedAt: facts.breachedAt?.toISOString() ?? null,
    elapsedBusinessMinutes: facts.elapsedMinutes,
    remainingBusinessMinutes: facts.remainingMinutes,
    pausedMinutes: toMinutes(extra.pausedMs),
    pausedWallMinutes: toMinutes(extra.pausedWallMs),
    pauses: extra.spans,
    percentUsed: facts.percentUsed,
    isWarning: facts.isWarning,
    isBreached: facts.breachedAt !== null,
    explanation: explainClock(facts, workCal),
  };
}

/** The level an impact × urgency pair maps to in the policy's matrix; undefined when the policy has none or the pair is unknown. */
export function levelFromMatrix(policy: SlaPolicy, impact: string, urgency: string): string | undefined {
  return policy.priorityMatrix?.cells.find((c) => c.impact === impact && c.urgency === urgency)?.level;
}
