import { toBusinessCalendar } from '../../calendars/index.ts';
import { OnCallSchedule } from '../../../../shared/schemas/oncall.ts';

/** Instant of a Shanghai wall-clock time, e.g. sh('2026-10-01 08:30'). */
export const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);

// Loading a calendar needs the database (loadBusinessCalendar), so the test builds the same BusinessCalendar from
// literal rows through the calendars domain's own toBusinessCalendar. The dates are the State Council's 2026
// arrangement, cross-checked against the chinese-days package in the test.
/** 国庆节 2026: seven days off. */
export const NATIONAL_DAY = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
/** The two 调休 make-up working days around it: Sunday 09-20 and Saturday 10-10. */
export const MAKEUP_WORKDAYS = ['2026-09-20', '2026-10-10'];
const hospitalHours: Array<[number, number]> = [
  [480, 720], // 08:00–12:00
  [810, 1050], // 13:30–17:30
];

/** Mon–Fri 08:00–12:00, 13:30–17:30 in Shanghai, with National Day 2026 off and its two 调休 make-up days. */
export const hospitalCalendar = toBusinessCalendar(
  {
    timeZone: 'Asia/Shanghai',
    weekly: [hospitalHours, hospitalHours, hospitalHours, hospitalHours, hospitalHours, [], []],
    makeupRanges: hospitalHours,
    followsNationalHolidays: true,
    coveredYears: [2026],
  },
  [
    ...NATIONAL_DAY.map((date) => ({ date, kind: 'holiday' as const, name: '国庆节', ranges: null, source: 'chinese-days' })),
    ...MAKEUP_WORKDAYS.map((date) => ({ date, kind: 'workday' as const, name: '国庆节', ranges: null, source: 'chinese-days' })),
  ],
);

/** Day desk rotates daily at 08:30; a night layer (17:30–08:30, weekly hand-off Monday 08:30) sits on top. */
export const dayAndNight = OnCallSchedule.parse({
  timeZone: 'Asia/Shanghai',
  layers: [
    { name: '白班', participants: ['zhang', 'li', 'wang'], kind: 'daily', handoffTime: '08:30', startDate: '2026-09-28' },
    {
      name: '夜班',
      participants: ['night-a', 'night-b'],
      kind: 'weekly',
      handoffTime: '08:30',
      handoffWeekday: 1,
      startDate: '2026-09-28',
      restriction: { kind: 'weekly', ranges: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '17:30', end: '08:30' }] },
    },
  ],
});

/** Desk staff in business hours per the work calendar, a duty pair in non-business hours (holiday-aware). */
export const byWorkCalendar = OnCallSchedule.parse({
  layers: [
    { name: '工作时间', participants: ['desk-1', 'desk-2'], kind: 'daily', handoffTime: '08:30', startDate: '2026-09-01', restriction: { kind: 'business_hours' } },
    { name: '非工作时间', participants: ['duty-a', 'duty-b'], kind: 'weekly', handoffTime: '08:30', handoffWeekday: 1, startDate: '2026-09-07', restriction: { kind: 'off_hours' } },
  ],
});
