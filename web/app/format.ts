import dayjs from 'dayjs';

/** Operations staff read times in China time whatever the browser's zone is. */
export const DISPLAY_TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, tz: string = DISPLAY_TZ): string {
  return iso ? dayjs(iso).tz(tz).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function formatDate(iso: string | null | undefined, tz: string = DISPLAY_TZ): string {
  return iso ? dayjs(iso).tz(tz).format('YYYY-MM-DD') : '—';
}

/**
 * Reads the wall-clock time shown in a picker as a time in `tz` and returns an ISO instant, so a filter
 * "2026-11-01 08:00" means 08:00 in China even on a browser set to UTC.
 */
export function wallTimeToIso(value: dayjs.Dayjs, tz: string = DISPLAY_TZ): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), tz).toISOString();
}

/** Minutes since midnight → "08:30". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
