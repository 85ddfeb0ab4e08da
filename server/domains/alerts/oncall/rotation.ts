/**
 * Turns of one layer's rotation, before any restriction: who holds the layer from which hand-off to the next.
 *
 * Daily and weekly hand-offs are wall-clock times in the schedule's zone (08:30 stays 08:30 across DST); a custom
 * rotation counts elapsed hours from the first hand-off, because "every 12 hours" means 12 real hours of duty.
 * A weekly rotation's first turn runs from the start date to the first hand-off weekday after it, so it may be short.
 */
import type { OnCallLayer } from '../../../../shared/schemas/oncall.ts';
import { invalid } from '../../../platform/errors.ts';
import { HOUR_MS, dayOfDate, instantAt, localDayOf, minutesOf, weekdayOf } from './zoned-time.ts';

/** One turn: participants[index % n] holds [start, end). Instants in ms. */
export interface Turn {
  index: number;
  userId: string;
  start: number;
  end: number;
}

/** Number of days x in (a, b] whose ISO weekday is `w`. */
function countWeekdays(a: number, b: number, w: number): number {
  const ref = (w - 4 + 7) % 7; // a day number with weekday w (day 0 is a Thursday, ISO 4)
  return Math.floor((b - ref) / 7) - Math.floor((a - ref) / 7);
}

/** The day whose hand-off instant is the latest at or before t (hand-offs happen at `handoff` minutes every day). */
function handoffDayOf(timeZone: string, t: number, handoff: number): number {
  const day = localDayOf(timeZone, t);
  return t < instantAt(timeZone, day, handoff) ? day - 1 : day;
}

/** The turn in force at instant t, or null before the layer's first hand-off. */
export function turnAt(layer: OnCallLayer, timeZone: string, t: number): Turn | null {
  const handoff = minutesOf(layer.handoffTime);
  const firstDay = dayOfDate(layer.startDate);
  const first = instantAt(timeZone, firstDay, handoff);
  if (t < first) return null;
  const n = layer.participants.length;
  const make = (index: number, start: number, end: number): Turn => ({ index, userId: layer.participants[index % n]!, start, end });

  switch (layer.kind) {
    case 'custom': {
      const length = (layer.everyHours ?? 24) * HOUR_MS;
      const index = Math.floor((t - first) / length);
      return make(index, first + index * length, first + (index + 1) * length);
    }
    case 'daily': {
      const day = handoffDayOf(timeZone, t, handoff);
      return make(day - firstDay, instantAt(timeZone, day, handoff), instantAt(timeZone, day + 1, handoff));
    }
    case 'weekly': {
      const w = layer.handoffWeekday ?? 1;
      const day = handoffDayOf(timeZone, t, handoff);
      const index = countWeekdays(firstDay, day, w);
      // The turn began on the latest hand-off weekday ≤ day, or on the start date for the first (possibly short) turn.
      const startDay = index === 0 ? firstDay : day - ((weekdayOf(day) - w + 7) % 7);
      const endDay = startDay + ((w - weekdayOf(startDay) + 7) % 7 || 7);
      return make(index, instantAt(timeZone, startDay, handoff), instantAt(timeZone, endDay, handoff));
    }
  }
}

/** The turns that overlap [from, to), clipped to it, in order; throws `oncall.too_many_shifts` past `limit` turns. */
export function turnsBetween(layer: OnCallLayer, timeZone: string, from: number, to: number, limit: number): Turn[] {
  const out: Turn[] = [];
  const first = instantAt(timeZone, dayOfDate(layer.startDate), minutesOf(layer.handoffTime));
  let t = Math.max(from, first);
  while (t < to) {
    const turn = turnAt(layer, timeZone, t);
    if (!turn || turn.end <= t) throw new Error(`rotation did not advance at ${new Date(t).toISOString()}`);
    out.push({ ...turn, start: Math.max(turn.start, from), end: Math.min(turn.end, to) });
    if (out.length > limit) throw invalid('oncall.too_many_shifts', `More than ${limit} turns of layer "${layer.name}" in the requested range`);
    t = turn.end;
  }
  return out;
}
