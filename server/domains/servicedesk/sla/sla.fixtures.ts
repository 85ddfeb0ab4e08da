/** Shared fixtures of the SLA tests: the real 2025–2026 calendars, a test policy, event builders. No database. */
import { parseDayRanges, toBusinessCalendar, type BusinessCalendar } from '../../calendars/index.ts';
// The seed module is not part of the calendars domain's public surface; the fixtures read it directly (as
// server/bootstrap.ts does) to build the real calendar without a database.
import { chineseDaysSeed } from '../../calendars/chinese-days-seed.ts';
import { SlaPolicy, type SlaPolicyInput, type TicketClockEvent } from '../../../../shared/schemas/sla.ts';
import { DEFAULT_PAUSE_REASONS, SLA_TEMPLATES } from './templates.ts';

// ---- calendars ----------------------------------------------------------------------------------------------------

export const seed = chineseDaysSeed();

/** Mon–Fri `hours` in Shanghai with the real holidays and 调休 make-up days of the chinese-days seed (2025–2026 …). */
export function workCalendar(hours: string, extraDays: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }> = []): BusinessCalendar {
  const h = parseDayRanges(hours).map(([a, b]) => [a, b] as [number, number]);
  const days = [...seed.days.filter((d) => !extraDays.some((x) => x.date === d.date)), ...extraDays];
  return toBusinessCalendar(
    { timeZone: 'Asia/Shanghai', weekly: [h, h, h, h, h, [], []], makeupRanges: h, followsNationalHolidays: true, coveredYears: seed.years },
    days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, ranges: null, source: 'chinese-days' })),
  );
}

/** 5×8: 08:00–17:00 (a 9-hour day, 540 business minutes), the calendar of the seed tenders' examples. */
export const CAL = workCalendar('08:00-17:00');
/** The same, with 2025-10-09 set as a holiday by hand afterwards: an edited calendar. */
export const EDITED = workCalendar('08:00-17:00', [{ date: '2025-10-09', kind: 'holiday', name: '院内调整' }]);
export const LUNCH = workCalendar('08:00-12:00,13:30-17:00');

// ---- policies -----------------------------------------------------------------------------------------------------

export const TEST_POLICY_INPUT: SlaPolicyInput = {
  name: '测试策略',
  nameEn: 'Test policy',
  calendar: 'business',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    { key: 'l1', name: '紧急', nameEn: 'Critical', clock: '7x24', targets: { response: 15, onSite: 60, resolution: 240 } },
    { key: 'l2', name: '高', nameEn: 'High', targets: { response: 30, onSite: 120, diagnosis: 120, resolution: 240 } },
    { key: 'l3', name: '中', nameEn: 'Medium', targets: { response: 60, onSite: 240, resolution: 960 } },
    { key: 'l4', name: '低', nameEn: 'Low', targets: { response: 120, resolution: 1620 } },
  ],
};
export const P = SlaPolicy.parse(TEST_POLICY_INPUT);
export const P_WARN_50 = SlaPolicy.parse({ ...TEST_POLICY_INPUT, warnAtPercent: 50 });
export const template = (key: string): SlaPolicy => SLA_TEMPLATES.find((t) => t.key === key)!.policy;
export const S001 = template('seed001_resident');
export const S002 = template('seed002_maintenance');
export const S003 = template('seed003_emergency');
export const S004 = template('seed004_faults');

// ---- events -------------------------------------------------------------------------------------------------------

export const opened = (at: string, level: string): TicketClockEvent => ({ kind: 'opened', at, level });
export const responded = (at: string): TicketClockEvent => ({ kind: 'responded', at });
export const onSite = (at: string): TicketClockEvent => ({ kind: 'on_site', at });
export const diagnosed = (at: string): TicketClockEvent => ({ kind: 'diagnosed', at });
export const paused = (at: string, reason: string): TicketClockEvent => ({ kind: 'paused', at, reason });
export const resumed = (at: string): TicketClockEvent => ({ kind: 'resumed', at });
export const resolved = (at: string): TicketClockEvent => ({ kind: 'resolved', at });
export const reopened = (at: string): TicketClockEvent => ({ kind: 'reopened', at });
export const closed = (at: string): TicketClockEvent => ({ kind: 'closed', at });
export const changed = (at: string, to: string): TicketClockEvent => ({ kind: 'level_changed', at, to });
export const reassigned = (at: string): TicketClockEvent => ({ kind: 'reassigned', at });

/** An engine instant (UTC ISO) as Shanghai wall time, in the form the expectations are written in. */
export function cst(utc: string | null): string | null {
  if (utc === null) return null;
  return new Date(Date.parse(utc) + 8 * 3_600_000).toISOString().replace(/\.000Z$/, '+08:00').replace(/\.(\d{3})Z$/, '.$1+08:00');
}

