/**
 * Local dates and wall-clock times of an IANA zone ↔ instants, using Intl only (no tz library).
 *
 * Same conventions as the calendars domain's business-time: a local time that does not exist (DST gap) maps to the
 * moment of the jump, and one that occurs twice (DST overlap) maps to its first occurrence, so local→instant is monotone
 * and a hand-off at 08:30 stays at 08:30 on the wall clock across DST changes. A "day" is a local date counted in days
 * since 1970-01-01.
 */

/** Milliseconds per minute, hour and (24-hour) day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle 'h23' because some ICU builds print midnight as "24" with hour12: false.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** UTC offset (ms, local − UTC) of `timeZone` at instant `t`. */
export function offsetAt(timeZone: string, t: number): number {
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  for (const part of formatterOf(timeZone).formatToParts(t)) {
    switch (part.type) {
      case 'year': y = Number(part.value); break;
      case 'month': mo = Number(part.value); break;
      case 'day': d = Number(part.value); break;
      case 'hour': h = Number(part.value) % 24; break;
      case 'minute': mi = Number(part.value); break;
      case 'second': s = Number(part.value); break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, does not remap years 0–99
  wall.setUTCHours(h, mi, s, 0);
  return wall.getTime() - Math.floor(t / 1000) * 1000;
}

/** The local day that contains instant `t`. */
export function localDayOf(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/** The instant of local minute `minute` (0–1440) of local day `day`; gap → the jump, overlap → first occurrence. */
export function instantAt(timeZone: string, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  // We assume at most one offset change within ±1 day of any local time, which holds for all tz data in use.
  const early = offsetAt(timeZone, wall - DAY_MS);
  const late = offsetAt(timeZone, wall + DAY_MS);
  // The larger offset gives the earlier instant; trying it first picks the first occurrence in an overlap.
  for (const o of early >= late ? [early, late] : [late, early]) {
    if (offsetAt(timeZone, wall - o) === o) return wall - o;
  }
  // In a gap: binary search (to the ms) for the first instant with the new offset, i.e. the jump.
  let lo = wall - Math.max(early, late);
  let hi = wall - Math.min(early, late);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === late) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** ISO weekday of a local day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Local day number of a YYYY-MM-DD date. */
export function dayOfDate(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`Invalid date "${date}": expected YYYY-MM-DD`);
  return t / DAY_MS;
}

/** YYYY-MM-DD of a local day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight of "HH:mm". */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
