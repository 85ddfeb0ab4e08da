import dayjs from 'dayjs';
import { DISPLAY_TZ } from '../../app/format.ts';

// Pickers show wall-clock times of a zone (China time, or a schedule's own zone) whatever the browser's zone is: a
// picker value is a dayjs in the browser's zone carrying those wall-clock digits, and wallTimeToIso turns it back.

/** An instant as the wall-clock digits a picker shows in `tz`. */
export function isoToWall(iso: string, tz: string = DISPLAY_TZ): dayjs.Dayjs {
  return dayjs(dayjs(iso).tz(tz).format('YYYY-MM-DDTHH:mm'));
}

/** Now, as picker digits in `tz`, to the minute. */
export function nowWall(tz: string = DISPLAY_TZ): dayjs.Dayjs {
  return dayjs(dayjs().tz(tz).format('YYYY-MM-DDTHH:mm'));
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The ISO weekday (1 = Monday … 7 = Sunday) of a calendar date "YYYY-MM-DD". */
export function isoWeekdayOf(date: string): IsoWeekday {
  return (((dayjs(`${date}T12:00`).day() + 6) % 7) + 1) as IsoWeekday;
}

/** A weekday number from the API (1–7 by its schema) as the type the weekday labels are keyed by. */
export function asIsoWeekday(n: number): IsoWeekday {
  return Math.min(7, Math.max(1, Math.round(n))) as IsoWeekday;
}
