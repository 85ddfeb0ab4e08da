/**
 * Who is on call: overrides first (the later one wins where they overlap), then the highest layer that is in force
 * and has started, down to the base layer. Pure and DST-safe: all local times go through Intl for the schedule's zone.
 */
import type { OnCallOverride, OnCallSchedule } from '../../../../shared/schemas/oncall.ts';
import { invalid } from '../../../platform/errors.ts';
import { isInForce, windowsBetween, type BusinessTimePredicate, type Interval } from './restriction.ts';
import { turnAt, turnsBetween } from './rotation.ts';

/** Who answers at one instant, and which layer (index into `layers`) or override put them there. */
export interface OnCallAnswer {
  userId: string;
  layer: number | 'override';
}

/** One final shift of the calendar view: [start, end). */
export interface ResolvedShift {
  userId: string;
  start: Date;
  end: Date;
  layer: number | 'override';
}

/** Default and hard cap of shiftsBetween's result, so one request cannot ask for a decade of hourly turns. */
export const MAX_SHIFTS = 2_000;
const MAX_TURNS_PER_LAYER = 50_000;

function timeOf(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`${what} must be a valid Date`);
  return t;
}

function overrideInterval(o: OnCallOverride): Interval {
  return { start: Date.parse(o.start), end: Date.parse(o.end) };
}

/** The person on call at `at`, or null when no override covers it and no layer has anyone then. */
export function whoIsOnCall(schedule: OnCallSchedule, at: Date, calendar?: BusinessTimePredicate): OnCallAnswer | null {
  const t = timeOf(at, 'whoIsOnCall: at');
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const o = schedule.overrides[i]!;
    const { start, end } = overrideInterval(o);
    if (start <= t && t < end) return { userId: o.userId, layer: 'override' };
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i]!;
    if (!isInForce(layer.restriction, schedule.timeZone, t, calendar)) continue;
    const turn = turnAt(layer, schedule.timeZone, t);
    if (turn) return { userId: turn.userId, layer: i };
  }
  return null;
}

interface Piece {
  start: number;
  end: number;
  userId: string;
}

/** A layer's turns cut to the windows where it is in force; both inputs are sorted and non-overlapping. */
function intersect(turns: Piece[], windows: Interval[]): Piece[] {
  const out: Piece[] = [];
  let w = 0;
  for (const turn of turns) {
    while (w < windows.length && windows[w]!.end <= turn.start) w++;
    for (let k = w; k < windows.length && windows[k]!.start < turn.end; k++) {
      const start = Math.max(turn.start, windows[k]!.start);
      const end = Math.min(turn.end, windows[k]!.end);
      if (end > start) out.push({ start, end, userId: turn.userId });
    }
  }
  return out;
}

/**
 * The final, non-overlapping shifts in [from, to), clipped to it, for the calendar view. Gaps mean nobody is on call.
 * Throws `oncall.too_many_shifts` past `maxShifts` (≤ MAX_SHIFTS) so callers page by a shorter range instead.
 */
export function shiftsBetween(
  schedule: OnCallSchedule,
  from: Date,
  to: Date,
  calendar?: BusinessTimePredicate,
  options: { maxShifts?: number } = {},
): ResolvedShift[] {
  const a = timeOf(from, 'shiftsBetween: from');
  const b = timeOf(to, 'shiftsBetween: to');
  const maxShifts = Math.min(options.maxShifts ?? MAX_SHIFTS, MAX_SHIFTS);
  if (b <= a) return [];
  const zone = schedule.timeZone;

  const layerPieces = schedule.layers.map((layer) =>
    intersect(turnsBetween(layer, zone, a, b, MAX_TURNS_PER_LAYER), windowsBetween(layer.restriction, zone, a, b, calendar)),
  );
  const overrides = schedule.overrides
    .map((o) => ({ ...overrideInterval(o), userId: o.userId }))
    .map((o) => ({ ...o, start: Math.max(o.start, a), end: Math.min(o.end, b) }));

  // Sweep over every edge: between two consecutive edges nothing changes, so one lookup decides the whole piece.
  const edges = new Set<number>([a, b]);
  for (const pieces of [...layerPieces, overrides]) for (const p of pieces) if (p.end > p.start) edges.add(p.start).add(p.end);
  const points = [...edges].sort((x, y) => x - y);
  const cursors = layerPieces.map(() => 0);
  const out: ResolvedShift[] = [];

  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const winner = winnerAt(start, overrides, layerPieces, cursors);
    if (!winner) continue;
    const last = out[out.length - 1];
    if (last && last.end.getTime() === start && last.userId === winner.userId && last.layer === winner.layer) {
      last.end = new Date(end);
      continue;
    }
    if (out.length >= maxShifts) throw tooMany(maxShifts);
    out.push({ userId: winner.userId, start: new Date(start), end: new Date(end), layer: winner.layer });
  }
  return out;
}

function winnerAt(t: number, overrides: Piece[], layerPieces: Piece[][], cursors: number[]): OnCallAnswer | null {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i]!;
    if (o.start <= t && t < o.end) return { userId: o.userId, layer: 'override' };
  }
  let found: OnCallAnswer | null = null;
  // Walk every layer's cursor forward (edges only increase), then pick the highest layer that covers t.
  for (let l = 0; l < layerPieces.length; l++) {
    const pieces = layerPieces[l]!;
    let c = cursors[l]!;
    while (c < pieces.length && pieces[c]!.end <= t) c++;
    cursors[l] = c;
    const p = pieces[c];
    if (p && p.start <= t) found = { userId: p.userId, layer: l };
  }
  return found;
}

function tooMany(maxShifts: number) {
  return invalid('oncall.too_many_shifts', `More than ${maxShifts} shifts in the requested range; ask for a shorter range`);
}

/** A swap as two overrides: `a` takes `b`'s shift and `b` takes `a`'s (each shift is [start, end) of its owner). */
export function swapOverrides(
  a: { userId: string; start: Date; end: Date },
  b: { userId: string; start: Date; end: Date },
  reason = 'swap',
): OnCallOverride[] {
  return [
    { userId: a.userId, start: b.start.toISOString(), end: b.end.toISOString(), reason },
    { userId: b.userId, start: a.start.toISOString(), end: a.end.toISOString(), reason },
  ];
}
