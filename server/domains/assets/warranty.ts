/** Warranty and date arithmetic on calendar dates ('YYYY-MM-DD'); pure, no time zone inside. */

export const LEDGER_TIME_ZONE = 'Asia/Shanghai';

// Building an Intl.DateTimeFormat costs ~0.1 ms, more than the list page's own work in Node: one per zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone: what "today" means to the hospital. */
export function localDate(at: Date, timeZone = LEDGER_TIME_ZONE): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(at);
}

const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** date + n days. */
export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** 'YYYY-MM' → 'YYYY-MM-01', the stored form of a purchase month. */
export const monthToDate = (month: string) => `${month}-01`;
/** 'YYYY-MM-01' → 'YYYY-MM'. */
export const dateToMonth = (date: string) => date.slice(0, 7);

/**
 * Warranty end from the purchase month and the warranty in years: the last day of the month that lies
 * `years` after the purchase month. Ledgers record only the month, so a device bought in 2018-04 with
 * 3 years is covered to 2021-04-30 whatever day it arrived. Fractional years count in whole months.
 */
export function warrantyEnd(purchaseMonth: string | null, years: number | null): string | null {
  if (!purchaseMonth || years === null) return null;
  const y = Number(purchaseMonth.slice(0, 4));
  const m = Number(purchaseMonth.slice(5, 7)) - 1 + Math.round(years * 12);
  // Day 0 of the following month is the last day of this one.
  return fromUtc(Date.UTC(y, m + 1, 0));
}

/** 保内 / 过保 on `today`; unknown without an end date. */
export function warrantyStatus(endsOn: string | null, today: string): 'in' | 'out' | 'unknown' {
  if (!endsOn) return 'unknown';
  return endsOn >= today ? 'in' : 'out';
}
