import { describe, expect, it } from 'vitest';
import { SlaEvaluation, TicketClockEvent, type SlaClockKind, type SlaClockStatus, type SlaPolicy } from '../../../../shared/schemas/sla.ts';
import type { BusinessCalendar } from '../../calendars/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { alwaysOnCalendar, calendarFromSnapshot, computeClocks, snapshotCalendar } from './index.ts';
import {
  CAL, EDITED, LUNCH, P, P_WARN_50, S001, S002, S003, S004,
  changed, closed, cst, diagnosed, onSite, opened, paused, reassigned, reopened, resolved, responded, resumed,
} from './sla.fixtures.ts';

// ---- the table ----------------------------------------------------------------------------------------------------

interface ClockExpect {
  status?: SlaClockStatus;
  due?: string | null;
  started?: string;
  stoppedAt?: string | null;
  breachedAt?: string | null;
  warnAt?: string;
  elapsed?: number;
  remaining?: number;
  paused?: number;
  pausedWall?: number;
  percent?: number;
  warning?: boolean;
  breached?: boolean;
  level?: string;
  measuredOn?: 'calendar' | '7x24';
}

interface SlaCase {
  name: string;
  policy?: SlaPolicy;
  calendar?: BusinessCalendar;
  events: TicketClockEvent[];
  now: string;
  band?: 'in_hours' | 'off_hours';
  state?: SlaEvaluation['state'];
  autoCloseAt?: string | null;
  incompleteYears?: number[];
  clocks: Partial<Record<SlaClockKind, ClockExpect>>;
}

// Every expected instant below was worked out by hand from the rules in clock.ts (business day 08:00–17:00 = 540 min).
const CASES: SlaCase[] = [
  // ---- ordinary weeks ------------------------------------------------------------------------------------------
  {
    name: 'Tuesday 09:00: every clock counts from open on the same day',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2')],
    now: '2025-09-02T09:10:00+08:00',
    band: 'in_hours',
    clocks: {
      response: { status: 'running', due: '2025-09-02T09:30:00+08:00', elapsed: 10, remaining: 20, warnAt: '2025-09-02T09:24:00+08:00' },
      onSite: { due: '2025-09-02T11:00:00+08:00' },
      diagnosis: { due: '2025-09-02T11:00:00+08:00' },
      resolution: { due: '2025-09-02T13:00:00+08:00', warnAt: '2025-09-02T12:12:00+08:00', measuredOn: 'calendar' },
    },
  },
  {
    name: 'Friday 16:00 rolls over the weekend to Monday',
    events: [opened('2025-09-05T16:00:00+08:00', 'l2')],
    now: '2025-09-05T16:05:00+08:00',
    clocks: {
      response: { due: '2025-09-05T16:30:00+08:00' },
      onSite: { due: '2025-09-08T09:00:00+08:00' },
      resolution: { due: '2025-09-08T11:00:00+08:00' },
    },
  },
  {
    name: 'opened on a Saturday: nothing counts until Monday 08:00',
    events: [opened('2025-09-06T10:00:00+08:00', 'l2')],
    now: '2025-09-06T12:00:00+08:00',
    band: 'off_hours',
    clocks: {
      response: { status: 'running', due: '2025-09-08T08:30:00+08:00', elapsed: 0, remaining: 30, breached: false },
      resolution: { due: '2025-09-08T12:00:00+08:00' },
    },
  },
  {
    name: 'opened Sunday 23:30',
    events: [opened('2025-09-07T23:30:00+08:00', 'l2')],
    now: '2025-09-07T23:45:00+08:00',
    clocks: { response: { due: '2025-09-08T08:30:00+08:00' }, onSite: { due: '2025-09-08T10:00:00+08:00' } },
  },
  {
    name: 'opened before working hours (06:15) counts from 08:00',
    events: [opened('2025-09-02T06:15:00+08:00', 'l2')],
    now: '2025-09-02T06:20:00+08:00',
    clocks: { response: { due: '2025-09-02T08:30:00+08:00' }, resolution: { due: '2025-09-02T12:00:00+08:00' } },
  },
  {
    name: 'opened after working hours (18:45) counts from the next morning',
    events: [opened('2025-09-02T18:45:00+08:00', 'l2')],
    now: '2025-09-02T19:00:00+08:00',
    clocks: { response: { due: '2025-09-03T08:30:00+08:00' }, resolution: { due: '2025-09-03T12:00:00+08:00' } },
  },
  {
    name: 'opened exactly at 08:00',
    events: [opened('2025-09-02T08:00:00+08:00', 'l2')],
    now: '2025-09-02T08:00:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2025-09-02T08:30:00+08:00', elapsed: 0 }, resolution: { due: '2025-09-02T12:00:00+08:00' } },
  },
  {
    name: 'opened exactly at 17:00 is outside hours (periods are half-open)',
    events: [opened('2025-09-02T17:00:00+08:00', 'l2')],
    now: '2025-09-02T17:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2025-09-03T08:30:00+08:00' } },
  },
  {
    name: 'one business minute on Friday 16:59, the other 29 on Monday',
    events: [opened('2025-09-05T16:59:00+08:00', 'l2')],
    now: '2025-09-05T17:30:00+08:00',
    clocks: { response: { due: '2025-09-08T08:29:00+08:00', elapsed: 1, remaining: 29 } },
  },
  {
    name: 'a due that lands on 17:00 is due at 17:00, not the next morning',
    events: [opened('2025-09-02T13:00:00+08:00', 'l2')],
    now: '2025-09-02T13:00:00+08:00',
    clocks: { onSite: { due: '2025-09-02T15:00:00+08:00' }, resolution: { due: '2025-09-02T17:00:00+08:00' } },
  },
  {
    name: 'lunch-break calendar (08:00–12:00, 13:30–17:00) skips 12:00–13:30',
    calendar: LUNCH,
    events: [opened('2025-09-02T11:00:00+08:00', 'l2')],
    now: '2025-09-02T11:00:00+08:00',
    clocks: { onSite: { due: '2025-09-02T14:30:00+08:00' }, resolution: { due: '2025-09-02T16:30:00+08:00' } },
  },

  // ---- Spring Festival 2025 (01-28..02-04 off; Sun 01-26 and Sat 02-08 worked) ---------------------------------
  {
    name: '春节 2025: Monday 01-27 15:00 → two hours before, the rest on Wednesday 02-05',
    events: [opened('2025-01-27T15:00:00+08:00', 'l2')],
    now: '2025-01-27T15:10:00+08:00',
    clocks: {
      response: { due: '2025-01-27T15:30:00+08:00' },
      onSite: { due: '2025-01-27T17:00:00+08:00' },
      resolution: { due: '2025-02-05T10:00:00+08:00' },
    },
  },
  {
    name: '春节 2025: Sunday 01-26 is a 调休 working day',
    events: [opened('2025-01-26T10:00:00+08:00', 'l2')],
    now: '2025-01-26T10:00:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2025-01-26T10:30:00+08:00' }, resolution: { due: '2025-01-26T14:00:00+08:00' } },
  },
  {
    name: '春节 2025: opened on the holiday (01-30) waits for 02-05',
    events: [opened('2025-01-30T11:00:00+08:00', 'l2')],
    now: '2025-01-31T11:00:00+08:00',
    band: 'off_hours',
    clocks: {
      response: { status: 'running', due: '2025-02-05T08:30:00+08:00', elapsed: 0, breached: false },
      resolution: { due: '2025-02-05T12:00:00+08:00' },
    },
  },
  {
    name: '春节 2025: Friday 01-24, Saturday off, make-up Sunday 01-26 worked',
    events: [opened('2025-01-24T09:00:00+08:00', 'l3')],
    now: '2025-01-24T09:00:00+08:00',
    clocks: {
      response: { due: '2025-01-24T10:00:00+08:00' },
      onSite: { due: '2025-01-24T13:00:00+08:00' },
      resolution: { due: '2025-01-26T16:00:00+08:00' },
    },
  },
  {
    name: '春节 2025: make-up Saturday 02-08 is worked',
    events: [opened('2025-02-07T16:00:00+08:00', 'l2')],
    now: '2025-02-07T16:00:00+08:00',
    clocks: { onSite: { due: '2025-02-08T09:00:00+08:00' }, resolution: { due: '2025-02-08T11:00:00+08:00' } },
  },

  // ---- Spring Festival 2026 (02-15..23 off; Sat 02-14 and Sat 02-28 worked) ------------------------------------
  {
    name: '春节 2026: Friday 02-13 14:00, make-up Saturday 02-14, then nine days off',
    events: [opened('2026-02-13T14:00:00+08:00', 'l3')],
    now: '2026-02-13T14:00:00+08:00',
    clocks: {
      response: { due: '2026-02-13T15:00:00+08:00' },
      onSite: { due: '2026-02-14T09:00:00+08:00' },
      resolution: { due: '2026-02-24T12:00:00+08:00' },
    },
  },
  {
    name: '春节 2026: make-up Saturday 02-14 at 16:30, thirty minutes left that day',
    events: [opened('2026-02-14T16:30:00+08:00', 'l3')],
    now: '2026-02-14T16:30:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2026-02-24T08:30:00+08:00' } },
  },
  {
    name: '春节 2026: opened on 02-18 (holiday) waits for Tuesday 02-24',
    events: [opened('2026-02-18T09:00:00+08:00', 'l2')],
    now: '2026-02-18T09:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2026-02-24T08:30:00+08:00' }, resolution: { due: '2026-02-24T12:00:00+08:00' } },
  },
  {
    name: '春节 2026: make-up Saturday 02-28 after the holiday',
    events: [opened('2026-02-27T15:00:00+08:00', 'l2')],
    now: '2026-02-27T15:00:00+08:00',
    clocks: { resolution: { due: '2026-02-28T10:00:00+08:00' } },
  },

  // ---- National Day 2025 (10-01..08 off; Sun 09-28 and Sat 10-11 worked) --------------------------------------
  {
    name: '国庆 2025: 09-30 16:30 + 4 business hours = 10-09 11:30',
    events: [opened('2025-09-30T16:30:00+08:00', 'l2')],
    now: '2025-09-30T16:30:00+08:00',
    clocks: { onSite: { due: '2025-10-09T09:30:00+08:00' }, resolution: { due: '2025-10-09T11:30:00+08:00', remaining: 240 } },
  },
  {
    name: '国庆 2025: the issue example, paused 1 h 20 min for parts → 12:50',
    events: [
      opened('2025-09-30T16:30:00+08:00', 'l2'),
      responded('2025-09-30T16:40:00+08:00'),
      paused('2025-10-09T09:00:00+08:00', 'awaiting_parts'),
      resumed('2025-10-09T10:20:00+08:00'),
    ],
    now: '2025-10-09T11:00:00+08:00',
    state: 'open',
    clocks: {
      response: { status: 'met', due: '2025-09-30T17:00:00+08:00', stoppedAt: '2025-09-30T16:40:00+08:00', elapsed: 10 },
      // the parts pause does not hold the on-site clock: due 09:30, nobody arrived
      onSite: { status: 'running', due: '2025-10-09T09:30:00+08:00', breached: true, breachedAt: '2025-10-09T09:30:00+08:00', remaining: -90 },
      resolution: { status: 'running', due: '2025-10-09T12:50:00+08:00', elapsed: 130, remaining: 110, paused: 80, pausedWall: 80, breached: false },
    },
  },
  {
    name: '国庆 2025: make-up Sunday 09-28, 16 business hours end Monday 16:00',
    events: [opened('2025-09-28T09:00:00+08:00', 'l3')],
    now: '2025-09-28T09:00:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2025-09-28T10:00:00+08:00' }, resolution: { due: '2025-09-29T16:00:00+08:00' } },
  },
  {
    name: '国庆 2025: a 7×24 level ignores the holiday',
    events: [opened('2025-10-03T10:00:00+08:00', 'l1')],
    now: '2025-10-03T10:00:00+08:00',
    clocks: {
      response: { due: '2025-10-03T10:15:00+08:00', measuredOn: '7x24' },
      onSite: { due: '2025-10-03T11:00:00+08:00' },
      resolution: { due: '2025-10-03T14:00:00+08:00' },
      diagnosis: { status: 'not_applicable', due: null },
    },
  },
  {
    name: '国庆 2025: make-up Saturday 10-11 after the holiday',
    events: [opened('2025-10-10T15:00:00+08:00', 'l3')],
    now: '2025-10-10T15:00:00+08:00',
    clocks: { resolution: { due: '2025-10-13T13:00:00+08:00' } },
  },
  {
    name: '国庆 2025: Friday 09-26, Saturday off, make-up Sunday 09-28 worked',
    events: [opened('2025-09-26T16:00:00+08:00', 'l3')],
    now: '2025-09-26T16:00:00+08:00',
    clocks: { resolution: { due: '2025-09-29T14:00:00+08:00' } },
  },

  // ---- 2026: New Year, 中秋 (09-25..27), National Day (10-01..07), make-up 09-20 and 10-10 ------------------------
  {
    name: '国庆 2026: 09-30 15:00 resumes on Thursday 10-08',
    events: [opened('2026-09-30T15:00:00+08:00', 'l2')],
    now: '2026-09-30T15:00:00+08:00',
    clocks: { resolution: { due: '2026-10-08T10:00:00+08:00' } },
  },
  {
    name: '中秋 2026: Thursday 09-24 16:00 skips 09-25..27',
    events: [opened('2026-09-24T16:00:00+08:00', 'l3')],
    now: '2026-09-24T16:00:00+08:00',
    clocks: { resolution: { due: '2026-09-29T14:00:00+08:00' } },
  },
  {
    name: '国庆 2026: Saturday 09-19 waits for make-up Sunday 09-20',
    events: [opened('2026-09-19T10:00:00+08:00', 'l2')],
    now: '2026-09-19T10:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2026-09-20T08:30:00+08:00' } },
  },
  {
    name: '国庆 2026: make-up Saturday 10-10',
    events: [opened('2026-10-09T16:00:00+08:00', 'l2')],
    now: '2026-10-09T16:00:00+08:00',
    clocks: { resolution: { due: '2026-10-10T11:00:00+08:00' } },
  },
  {
    name: '元旦 2026: 01-01..03 off, make-up Sunday 01-04',
    events: [opened('2025-12-31T16:00:00+08:00', 'l2')],
    now: '2025-12-31T16:00:00+08:00',
    clocks: { resolution: { due: '2026-01-04T11:00:00+08:00' } },
  },

  // ---- pauses ----------------------------------------------------------------------------------------------------
  {
    name: 'overnight pause waiting for the requester',
    events: [
      opened('2025-09-02T14:00:00+08:00', 'l2'),
      responded('2025-09-02T14:10:00+08:00'),
      onSite('2025-09-02T15:00:00+08:00'),
      paused('2025-09-02T16:00:00+08:00', 'awaiting_requester'),
      resumed('2025-09-03T09:00:00+08:00'),
    ],
    now: '2025-09-03T09:30:00+08:00',
    clocks: {
      onSite: { status: 'met', stoppedAt: '2025-09-02T15:00:00+08:00', paused: 0 },
      resolution: { status: 'running', due: '2025-09-03T11:00:00+08:00', elapsed: 150, remaining: 90, paused: 120, pausedWall: 1020 },
    },
  },
  {
    name: 'overnight pause for parts does not hold the on-site clock',
    events: [
      opened('2025-09-02T14:00:00+08:00', 'l2'),
      responded('2025-09-02T14:05:00+08:00'),
      paused('2025-09-02T15:00:00+08:00', 'awaiting_parts'),
      resumed('2025-09-03T10:00:00+08:00'),
    ],
    now: '2025-09-03T10:00:00+08:00',
    clocks: {
      onSite: { status: 'running', due: '2025-09-02T16:00:00+08:00', breachedAt: '2025-09-02T16:00:00+08:00', elapsed: 300, remaining: -180 },
      resolution: { status: 'running', due: '2025-09-03T13:00:00+08:00', elapsed: 60, remaining: 180, paused: 240, pausedWall: 1140 },
    },
  },
  {
    name: 'multi-day pause Tuesday → Friday',
    events: [
      opened('2025-09-08T09:00:00+08:00', 'l3'),
      responded('2025-09-08T09:30:00+08:00'),
      onSite('2025-09-08T11:00:00+08:00'),
      paused('2025-09-09T10:00:00+08:00', 'awaiting_parts'),
      resumed('2025-09-12T15:00:00+08:00'),
    ],
    now: '2025-09-12T16:00:00+08:00',
    clocks: {
      resolution: { status: 'running', due: '2025-09-15T12:00:00+08:00', elapsed: 660, remaining: 300, paused: 1920, pausedWall: 4620 },
    },
  },
  {
    name: 'pause across National Day 2025 counts only its working hours',
    events: [
      opened('2025-09-29T10:00:00+08:00', 'l3'),
      responded('2025-09-29T10:20:00+08:00'),
      onSite('2025-09-29T13:00:00+08:00'),
      paused('2025-09-30T11:00:00+08:00', 'awaiting_parts'),
      resumed('2025-10-09T10:00:00+08:00'),
    ],
    now: '2025-10-09T10:00:00+08:00',
    clocks: {
      resolution: { status: 'running', due: '2025-10-09T16:00:00+08:00', elapsed: 600, remaining: 360, paused: 480, pausedWall: 12900 },
    },
  },
  {
    name: 'several pauses on one day; the requester pause also holds on-site',
    events: [
      opened('2025-09-02T08:00:00+08:00', 'l2'),
      responded('2025-09-02T08:05:00+08:00'),
      paused('2025-09-02T09:00:00+08:00', 'awaiting_requester'),
      resumed('2025-09-02T09:30:00+08:00'),
      paused('2025-09-02T10:00:00+08:00', 'awaiting_parts'),
      resumed('2025-09-02T11:00:00+08:00'),
    ],
    now: '2025-09-02T12:00:00+08:00',
    clocks: {
      onSite: { status: 'running', due: '2025-09-02T10:30:00+08:00', breachedAt: '2025-09-02T10:30:00+08:00', elapsed: 210, paused: 30 },
      resolution: { status: 'running', due: '2025-09-02T13:30:00+08:00', elapsed: 150, remaining: 90, paused: 90, percent: 62.5 },
    },
  },
  {
    name: 'switching the pause reason without resuming',
    events: [
      opened('2025-09-02T08:00:00+08:00', 'l2'),
      paused('2025-09-02T09:00:00+08:00', 'awaiting_requester'),
      paused('2025-09-02T09:30:00+08:00', 'awaiting_parts'),
      resumed('2025-09-02T10:00:00+08:00'),
    ],
    now: '2025-09-02T10:00:00+08:00',
    clocks: {
      response: { status: 'running', breachedAt: '2025-09-02T08:30:00+08:00', breached: true },
      onSite: { status: 'running', due: '2025-09-02T10:30:00+08:00', elapsed: 90, remaining: 30, paused: 30 },
      resolution: { due: '2025-09-02T13:00:00+08:00', elapsed: 60, paused: 60 },
    },
  },
  {
    name: 'still paused at now: due is provisional (if resumed now)',
    events: [
      opened('2025-09-02T08:00:00+08:00', 'l2'),
      responded('2025-09-02T08:10:00+08:00'),
      onSite('2025-09-02T09:00:00+08:00'),
      paused('2025-09-02T10:00:00+08:00', 'awaiting_parts'),
    ],
    now: '2025-09-02T11:30:00+08:00',
    state: 'paused',
    clocks: { resolution: { status: 'paused', due: '2025-09-02T13:30:00+08:00', elapsed: 120, remaining: 120, paused: 90 } },
  },
  {
    name: 'the response clock is never paused',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), paused('2025-09-02T09:05:00+08:00', 'awaiting_requester')],
    now: '2025-09-02T09:40:00+08:00',
    clocks: {
      response: { status: 'running', breached: true, breachedAt: '2025-09-02T09:30:00+08:00', elapsed: 40 },
      resolution: { status: 'paused', elapsed: 5 },
      onSite: { status: 'paused', elapsed: 5 },
    },
  },
  {
    name: 'waiting for the requester holds on-site and diagnosis too',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:10:00+08:00'),
      paused('2025-09-02T09:30:00+08:00', 'awaiting_requester'),
      resumed('2025-09-02T14:00:00+08:00'),
    ],
    now: '2025-09-02T14:00:00+08:00',
    clocks: {
      onSite: { due: '2025-09-02T15:30:00+08:00', elapsed: 30, remaining: 90 },
      diagnosis: { due: '2025-09-02T15:30:00+08:00' },
      resolution: { due: '2025-09-03T08:30:00+08:00', paused: 270 },
    },
  },
  {
    name: 'pause from Friday 16:30 to Monday 07:00 costs thirty business minutes',
    events: [
      opened('2025-09-05T16:00:00+08:00', 'l2'),
      responded('2025-09-05T16:10:00+08:00'),
      paused('2025-09-05T16:30:00+08:00', 'awaiting_parts'),
      resumed('2025-09-08T07:00:00+08:00'),
    ],
    now: '2025-09-08T07:00:00+08:00',
    clocks: { resolution: { due: '2025-09-08T11:30:00+08:00', elapsed: 30, paused: 30, pausedWall: 3750 } },
  },
  {
    name: 'pause outside working hours moves nothing',
    events: [
      opened('2025-09-02T15:00:00+08:00', 'l2'),
      responded('2025-09-02T15:05:00+08:00'),
      onSite('2025-09-02T16:00:00+08:00'),
      paused('2025-09-02T18:00:00+08:00', 'awaiting_requester'),
      resumed('2025-09-02T20:00:00+08:00'),
    ],
    now: '2025-09-02T20:00:00+08:00',
    clocks: { resolution: { due: '2025-09-03T10:00:00+08:00', paused: 0, pausedWall: 120, elapsed: 120 } },
  },
  {
    name: 'overnight pause on a 7×24 level counts wall time',
    events: [
      opened('2025-10-02T22:00:00+08:00', 'l1'),
      responded('2025-10-02T22:05:00+08:00'),
      onSite('2025-10-02T22:40:00+08:00'),
      paused('2025-10-02T23:00:00+08:00', 'awaiting_parts'),
      resumed('2025-10-03T01:30:00+08:00'),
    ],
    now: '2025-10-03T02:00:00+08:00',
    clocks: {
      response: { status: 'met', due: '2025-10-02T22:15:00+08:00' },
      onSite: { status: 'met', due: '2025-10-02T23:00:00+08:00', elapsed: 40 },
      resolution: { due: '2025-10-03T04:30:00+08:00', elapsed: 90, remaining: 150, paused: 150, pausedWall: 150 },
    },
  },

  // ---- level (priority) changes -----------------------------------------------------------------------------------
  {
    name: 'upgrade before breach: new target from open; a stopped clock keeps its old level',
    events: [opened('2025-09-02T09:00:00+08:00', 'l3'), responded('2025-09-02T09:20:00+08:00'), changed('2025-09-02T10:00:00+08:00', 'l2')],
    now: '2025-09-02T10:30:00+08:00',
    clocks: {
      response: { status: 'met', level: 'l3', due: '2025-09-02T10:00:00+08:00' },
      onSite: { level: 'l2', due: '2025-09-02T11:00:00+08:00', elapsed: 90, percent: 75 },
      resolution: { level: 'l2', due: '2025-09-02T13:00:00+08:00', elapsed: 90, breached: false },
    },
  },
  {
    name: 'upgrade past the new due breaches at the change',
    events: [opened('2025-09-02T09:00:00+08:00', 'l3'), responded('2025-09-02T09:20:00+08:00'), changed('2025-09-02T14:00:00+08:00', 'l2')],
    now: '2025-09-02T14:30:00+08:00',
    clocks: {
      resolution: { status: 'running', level: 'l2', due: '2025-09-02T13:00:00+08:00', breachedAt: '2025-09-02T14:00:00+08:00', remaining: -90 },
      // on-site was already late under l3 (240 min → 13:00) before the upgrade
      onSite: { level: 'l2', due: '2025-09-02T11:00:00+08:00', breachedAt: '2025-09-02T13:00:00+08:00' },
    },
  },
  {
    name: 'downgrade before breach extends the due',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:10:00+08:00'),
      onSite('2025-09-02T10:00:00+08:00'),
      changed('2025-09-02T11:00:00+08:00', 'l3'),
    ],
    now: '2025-09-02T14:00:00+08:00',
    clocks: { resolution: { status: 'running', level: 'l3', due: '2025-09-03T16:00:00+08:00', elapsed: 300, remaining: 660, breached: false } },
  },
  {
    name: 'downgrade after breach keeps the breach flag',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:10:00+08:00'),
      onSite('2025-09-02T10:00:00+08:00'),
      changed('2025-09-02T14:00:00+08:00', 'l3'),
    ],
    now: '2025-09-02T15:00:00+08:00',
    clocks: {
      resolution: { status: 'running', level: 'l3', due: '2025-09-03T16:00:00+08:00', breached: true, breachedAt: '2025-09-02T13:00:00+08:00', remaining: 600, warning: false },
    },
  },
  {
    name: 'downgrade to a level without an on-site target',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:10:00+08:00'), changed('2025-09-02T10:00:00+08:00', 'l4')],
    now: '2025-09-02T10:30:00+08:00',
    clocks: {
      onSite: { status: 'not_applicable', due: null, breached: false },
      diagnosis: { status: 'not_applicable' },
      resolution: { level: 'l4', due: '2025-09-05T09:00:00+08:00' },
    },
  },
  {
    name: 'downgraded after breach, resolved within the new target: still breached',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:10:00+08:00'),
      onSite('2025-09-02T10:00:00+08:00'),
      changed('2025-09-02T14:00:00+08:00', 'l3'),
      resolved('2025-09-02T15:00:00+08:00'),
    ],
    now: '2025-09-02T15:30:00+08:00',
    state: 'resolved',
    autoCloseAt: '2025-09-05T15:00:00+08:00',
    clocks: { resolution: { status: 'breached', breachedAt: '2025-09-02T13:00:00+08:00', stoppedAt: '2025-09-02T15:00:00+08:00', level: 'l3' } },
  },
  {
    name: 'upgrade to a 7×24 level on a Saturday',
    events: [opened('2025-09-06T10:00:00+08:00', 'l3'), changed('2025-09-06T10:05:00+08:00', 'l1')],
    now: '2025-09-06T10:20:00+08:00',
    clocks: {
      response: { status: 'running', level: 'l1', measuredOn: '7x24', due: '2025-09-06T10:15:00+08:00', breachedAt: '2025-09-06T10:15:00+08:00', elapsed: 20 },
      resolution: { due: '2025-09-06T14:00:00+08:00', breached: false },
    },
  },
  {
    name: 'level change while paused',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:10:00+08:00'),
      onSite('2025-09-02T09:30:00+08:00'),
      paused('2025-09-02T10:00:00+08:00', 'awaiting_parts'),
      changed('2025-09-02T11:00:00+08:00', 'l3'),
      resumed('2025-09-02T12:00:00+08:00'),
    ],
    now: '2025-09-02T12:00:00+08:00',
    clocks: { resolution: { level: 'l3', due: '2025-09-04T09:00:00+08:00', elapsed: 60, breached: false } },
  },

  // ---- resolve, reopen, close ---------------------------------------------------------------------------------------
  {
    name: 'reopen resumes resolution where it stopped',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:05:00+08:00'),
      onSite('2025-09-02T09:30:00+08:00'),
      resolved('2025-09-02T11:00:00+08:00'),
      reopened('2025-09-02T15:00:00+08:00'),
    ],
    now: '2025-09-02T16:00:00+08:00',
    state: 'open',
    autoCloseAt: null,
    clocks: {
      onSite: { status: 'met', stoppedAt: '2025-09-02T09:30:00+08:00' },
      resolution: { status: 'running', due: '2025-09-02T17:00:00+08:00', elapsed: 180, remaining: 60, paused: 240, stoppedAt: null },
    },
  },
  {
    name: 'reopened the next morning, resolved again in time',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:05:00+08:00'),
      onSite('2025-09-02T09:30:00+08:00'),
      resolved('2025-09-02T11:00:00+08:00'),
      reopened('2025-09-03T09:00:00+08:00'),
      resolved('2025-09-03T10:30:00+08:00'),
    ],
    now: '2025-09-03T12:00:00+08:00',
    state: 'resolved',
    autoCloseAt: '2025-09-06T10:30:00+08:00',
    clocks: { resolution: { status: 'met', due: '2025-09-03T11:00:00+08:00', stoppedAt: '2025-09-03T10:30:00+08:00', elapsed: 210, paused: 420 } },
  },
  {
    name: 'reopened ticket that runs past its due is breached',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:05:00+08:00'),
      onSite('2025-09-02T09:30:00+08:00'),
      resolved('2025-09-02T11:00:00+08:00'),
      reopened('2025-09-02T15:00:00+08:00'),
      resolved('2025-09-03T09:00:00+08:00'),
    ],
    now: '2025-09-03T09:00:00+08:00',
    clocks: { resolution: { status: 'breached', due: '2025-09-02T17:00:00+08:00', breachedAt: '2025-09-02T17:00:00+08:00', elapsed: 300 } },
  },
  {
    name: 'resolved in time: met, auto-close three days later',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:05:00+08:00'),
      onSite('2025-09-02T09:45:00+08:00'),
      resolved('2025-09-02T12:00:00+08:00'),
    ],
    now: '2025-09-02T12:30:00+08:00',
    state: 'resolved',
    autoCloseAt: '2025-09-05T12:00:00+08:00',
    clocks: {
      response: { status: 'met', elapsed: 5 },
      onSite: { status: 'met', elapsed: 45 },
      // no 'diagnosed' event: the resolution stops the diagnosis clock too, an hour after its 11:00 due
      diagnosis: { status: 'breached', breachedAt: '2025-09-02T11:00:00+08:00', stoppedAt: '2025-09-02T12:00:00+08:00' },
      resolution: { status: 'met', elapsed: 180, remaining: 60, percent: 75, warning: false },
    },
  },
  {
    name: 'a duplicate closed after ten minutes stops every clock',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), closed('2025-09-02T09:10:00+08:00')],
    now: '2025-09-02T10:00:00+08:00',
    state: 'closed',
    autoCloseAt: null,
    clocks: {
      response: { status: 'met', stoppedAt: '2025-09-02T09:10:00+08:00' },
      onSite: { status: 'met' },
      resolution: { status: 'met', elapsed: 10 },
    },
  },
  {
    name: 'resolved remotely after the on-site due without a visit: on-site breached',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), resolved('2025-09-02T12:00:00+08:00')],
    now: '2025-09-02T12:00:00+08:00',
    clocks: {
      onSite: { status: 'breached', breachedAt: '2025-09-02T11:00:00+08:00', stoppedAt: '2025-09-02T12:00:00+08:00' },
      resolution: { status: 'met' },
    },
  },
  {
    name: 'resolved remotely before the on-site due: on-site met',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), resolved('2025-09-02T10:00:00+08:00')],
    now: '2025-09-02T10:00:00+08:00',
    clocks: { onSite: { status: 'met', stoppedAt: '2025-09-02T10:00:00+08:00', elapsed: 60 } },
  },

  // ---- seed 001: 08:00–17:00, in hours 60 min / 2 h, off hours 2 h / 4 h, wall clock ------------------------------
  {
    name: 'seed 001 in hours: 60 min response, 2 h on site',
    policy: S001,
    events: [opened('2025-09-02T10:00:00+08:00', 'fault')],
    now: '2025-09-02T10:30:00+08:00',
    band: 'in_hours',
    clocks: {
      response: { due: '2025-09-02T11:00:00+08:00', measuredOn: '7x24' },
      onSite: { due: '2025-09-02T12:00:00+08:00' },
      resolution: { status: 'not_applicable', due: null },
    },
  },
  {
    name: 'seed 001 in hours at 16:30: due 17:30 wall clock, not next morning',
    policy: S001,
    events: [opened('2025-09-02T16:30:00+08:00', 'fault')],
    now: '2025-09-02T16:30:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2025-09-02T17:30:00+08:00' }, onSite: { due: '2025-09-02T18:30:00+08:00' } },
  },
  {
    name: 'seed 001 off hours in the evening: 2 h / 4 h',
    policy: S001,
    events: [opened('2025-09-02T20:00:00+08:00', 'fault')],
    now: '2025-09-02T20:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2025-09-02T22:00:00+08:00', measuredOn: '7x24' }, onSite: { due: '2025-09-03T00:00:00+08:00' } },
  },
  {
    name: 'seed 001 on National Day is off hours',
    policy: S001,
    events: [opened('2025-10-02T10:00:00+08:00', 'fault')],
    now: '2025-10-02T10:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2025-10-02T12:00:00+08:00' }, onSite: { due: '2025-10-02T14:00:00+08:00' } },
  },
  {
    name: 'seed 001 on make-up Sunday 2025-09-28 is in hours',
    policy: S001,
    events: [opened('2025-09-28T10:00:00+08:00', 'fault')],
    now: '2025-09-28T10:00:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2025-09-28T11:00:00+08:00' }, onSite: { due: '2025-09-28T12:00:00+08:00' } },
  },
  {
    name: 'seed 001 on a Sunday (2026-03-01) is off hours',
    policy: S001,
    events: [opened('2026-03-01T10:00:00+08:00', 'fault')],
    now: '2026-03-01T10:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2026-03-01T12:00:00+08:00' }, onSite: { due: '2026-03-01T14:00:00+08:00' } },
  },
  {
    name: 'seed 001 at 07:59 is off hours',
    policy: S001,
    events: [opened('2025-09-02T07:59:00+08:00', 'fault')],
    now: '2025-09-02T07:59:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2025-09-02T09:59:00+08:00' }, onSite: { due: '2025-09-02T11:59:00+08:00' } },
  },
  {
    name: 'seed 001 on make-up Saturday 2026-02-28 is in hours',
    policy: S001,
    events: [opened('2026-02-28T09:00:00+08:00', 'fault')],
    now: '2026-02-28T09:00:00+08:00',
    band: 'in_hours',
    clocks: { response: { due: '2026-02-28T10:00:00+08:00' } },
  },
  {
    name: 'seed 001 off hours: responded in time, arrived late',
    policy: S001,
    events: [opened('2025-09-02T20:00:00+08:00', 'fault'), responded('2025-09-02T21:30:00+08:00'), onSite('2025-09-03T00:30:00+08:00')],
    now: '2025-09-03T01:00:00+08:00',
    clocks: {
      response: { status: 'met', elapsed: 90 },
      onSite: { status: 'breached', breachedAt: '2025-09-03T00:00:00+08:00', elapsed: 270, remaining: -30 },
    },
  },

  // ---- seed 004 故障处置时效指标 ---------------------------------------------------------------------------------------
  {
    name: 'seed 004 level 1 on a Spring Festival night: 1 / 10 / 30 minutes, 7×24',
    policy: S004,
    events: [opened('2026-02-17T03:00:00+08:00', 'level1')],
    now: '2026-02-17T03:05:00+08:00',
    clocks: {
      response: { status: 'running', due: '2026-02-17T03:01:00+08:00', breachedAt: '2026-02-17T03:01:00+08:00', measuredOn: '7x24' },
      onSite: { due: '2026-02-17T03:10:00+08:00', breached: false, elapsed: 5 },
      resolution: { due: '2026-02-17T03:30:00+08:00', remaining: 25 },
    },
  },
  {
    name: 'seed 004 level 1: responded in 40 s, arrived at 12 min, recovered at 25 min',
    policy: S004,
    events: [
      opened('2026-02-17T03:00:00+08:00', 'level1'),
      responded('2026-02-17T03:00:40+08:00'),
      onSite('2026-02-17T03:12:00+08:00'),
      resolved('2026-02-17T03:25:00+08:00'),
    ],
    now: '2026-02-17T03:30:00+08:00',
    clocks: {
      response: { status: 'met', elapsed: 0.667 },
      onSite: { status: 'breached', breachedAt: '2026-02-17T03:10:00+08:00' },
      resolution: { status: 'met', elapsed: 25 },
    },
  },
  {
    name: 'seed 004 level 1: warning at 80 % (24 of 30 minutes)',
    policy: S004,
    events: [opened('2026-02-17T03:00:00+08:00', 'level1'), responded('2026-02-17T03:00:30+08:00'), onSite('2026-02-17T03:08:00+08:00')],
    now: '2026-02-17T03:24:00+08:00',
    clocks: { resolution: { warning: true, percent: 80, remaining: 6, warnAt: '2026-02-17T03:24:00+08:00' } },
  },
  {
    name: 'seed 004 level 1: no warning at 23 of 30 minutes',
    policy: S004,
    events: [opened('2026-02-17T03:00:00+08:00', 'level1'), responded('2026-02-17T03:00:30+08:00'), onSite('2026-02-17T03:08:00+08:00')],
    now: '2026-02-17T03:23:00+08:00',
    clocks: { resolution: { warning: false, percent: 76.7, remaining: 7 } },
  },
  {
    name: 'seed 004 level 2 across midnight on National Day',
    policy: S004,
    events: [opened('2025-10-01T23:50:00+08:00', 'level2')],
    now: '2025-10-01T23:50:00+08:00',
    clocks: {
      response: { due: '2025-10-01T23:55:00+08:00' },
      onSite: { due: '2025-10-02T00:10:00+08:00' },
      resolution: { due: '2025-10-02T00:50:00+08:00' },
    },
  },
  {
    name: 'seed 004 level 3 in working hours at 16:50',
    policy: S004,
    events: [opened('2025-09-02T16:50:00+08:00', 'level3')],
    now: '2025-09-02T16:50:00+08:00',
    band: 'in_hours',
    clocks: {
      response: { due: '2025-09-02T16:55:00+08:00', measuredOn: 'calendar' },
      onSite: { due: '2025-09-03T08:20:00+08:00' },
      resolution: { due: '2025-09-03T09:50:00+08:00' },
    },
  },
  {
    name: 'seed 004 level 3 off hours: 30 wall-clock minutes to respond, then working time',
    policy: S004,
    events: [opened('2025-09-02T22:00:00+08:00', 'level3')],
    now: '2025-09-02T22:00:00+08:00',
    band: 'off_hours',
    clocks: {
      response: { due: '2025-09-02T22:30:00+08:00', measuredOn: '7x24' },
      onSite: { due: '2025-09-03T08:30:00+08:00', measuredOn: 'calendar' },
      resolution: { due: '2025-09-03T10:00:00+08:00' },
    },
  },
  {
    name: 'seed 004 level 3 reported on Spring Festival 2026',
    policy: S004,
    events: [opened('2026-02-16T10:00:00+08:00', 'level3')],
    now: '2026-02-16T10:00:00+08:00',
    band: 'off_hours',
    clocks: {
      response: { due: '2026-02-16T10:30:00+08:00' },
      onSite: { due: '2026-02-24T08:30:00+08:00' },
      resolution: { due: '2026-02-24T10:00:00+08:00' },
    },
  },
  {
    name: 'seed 004 level 4: 10 min response, 4 h feedback, runs into make-up Saturday 2026-02-14',
    policy: S004,
    events: [opened('2026-02-13T15:00:00+08:00', 'level4')],
    now: '2026-02-13T15:00:00+08:00',
    clocks: {
      response: { due: '2026-02-13T15:10:00+08:00' },
      onSite: { status: 'not_applicable' },
      resolution: { due: '2026-02-14T10:00:00+08:00' },
    },
  },
  {
    name: 'seed 004 level 4 off hours has no off-hours target: working time from next morning',
    policy: S004,
    events: [opened('2026-02-13T20:00:00+08:00', 'level4')],
    now: '2026-02-13T20:00:00+08:00',
    band: 'off_hours',
    clocks: { response: { due: '2026-02-14T08:10:00+08:00', measuredOn: 'calendar' }, resolution: { due: '2026-02-14T12:00:00+08:00' } },
  },

  // ---- warnings and remaining time -----------------------------------------------------------------------------------
  {
    name: 'warning at 80 % of four business hours (12:12)',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), onSite('2025-09-02T09:30:00+08:00')],
    now: '2025-09-02T12:12:00+08:00',
    clocks: { resolution: { warning: true, percent: 80, remaining: 48, warnAt: '2025-09-02T12:12:00+08:00', breached: false } },
  },
  {
    name: 'one minute before the warning',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), onSite('2025-09-02T09:30:00+08:00')],
    now: '2025-09-02T12:11:00+08:00',
    clocks: { resolution: { warning: false, remaining: 49 } },
  },
  {
    name: 'the warning instant falls on the next working morning',
    events: [opened('2025-09-02T15:00:00+08:00', 'l2'), responded('2025-09-02T15:05:00+08:00'), onSite('2025-09-02T16:00:00+08:00')],
    now: '2025-09-02T20:00:00+08:00',
    clocks: {
      resolution: { due: '2025-09-03T10:00:00+08:00', warnAt: '2025-09-03T09:12:00+08:00', elapsed: 120, remaining: 120, percent: 50, warning: false },
    },
  },
  {
    name: 'overdue: remaining is negative, no warning once breached',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), onSite('2025-09-02T09:30:00+08:00')],
    now: '2025-09-02T14:00:00+08:00',
    clocks: { resolution: { breached: true, breachedAt: '2025-09-02T13:00:00+08:00', remaining: -60, percent: 125, warning: false } },
  },
  {
    name: 'a policy warning at 50 %',
    policy: P_WARN_50,
    events: [opened('2025-09-02T09:00:00+08:00', 'l2'), responded('2025-09-02T09:05:00+08:00'), onSite('2025-09-02T09:30:00+08:00')],
    now: '2025-09-02T11:00:00+08:00',
    clocks: { resolution: { warnAt: '2025-09-02T11:00:00+08:00', warning: true, percent: 50 } },
  },
  {
    name: 'at the due instant itself the clock is not yet breached',
    events: [opened('2025-09-02T09:00:00+08:00', 'l2')],
    now: '2025-09-02T09:30:00+08:00',
    clocks: { response: { status: 'running', breached: false, remaining: 0, warning: true } },
  },

  // ---- seed 002: resolution counted from on-site arrival ---------------------------------------------------------------
  {
    name: 'seed 002 outage: four hours from arrival',
    policy: S002,
    events: [opened('2025-09-02T09:00:00+08:00', 'outage'), responded('2025-09-02T09:20:00+08:00'), onSite('2025-09-02T10:00:00+08:00')],
    now: '2025-09-02T11:00:00+08:00',
    clocks: {
      onSite: { status: 'met' },
      resolution: { started: '2025-09-02T10:00:00+08:00', due: '2025-09-02T14:00:00+08:00', elapsed: 60 },
    },
  },
  {
    name: 'seed 002 outage: a late arrival does not buy resolution time',
    policy: S002,
    events: [opened('2025-09-02T09:00:00+08:00', 'outage'), responded('2025-09-02T09:20:00+08:00'), onSite('2025-09-02T12:00:00+08:00')],
    now: '2025-09-02T12:30:00+08:00',
    clocks: {
      onSite: { status: 'breached', breachedAt: '2025-09-02T11:00:00+08:00' },
      resolution: { started: '2025-09-02T11:00:00+08:00', due: '2025-09-02T15:00:00+08:00', elapsed: 90 },
    },
  },
  {
    name: 'seed 002 outage: before arrival the resolution clock waits for the on-site due',
    policy: S002,
    events: [opened('2025-09-02T09:00:00+08:00', 'outage'), responded('2025-09-02T09:20:00+08:00')],
    now: '2025-09-02T10:00:00+08:00',
    clocks: { resolution: { status: 'running', started: '2025-09-02T11:00:00+08:00', due: '2025-09-02T15:00:00+08:00', elapsed: 0, remaining: 240 } },
  },
  {
    name: 'seed 002 minor: 24 business hours from a Friday arrival, through make-up Sunday 09-28',
    policy: S002,
    events: [opened('2025-09-26T14:00:00+08:00', 'minor'), responded('2025-09-26T14:10:00+08:00'), onSite('2025-09-26T16:00:00+08:00')],
    now: '2025-09-26T16:00:00+08:00',
    clocks: { resolution: { due: '2025-09-30T13:00:00+08:00' } },
  },
  {
    name: 'seed 002 machine-room emergency on National Day: 5 min / 1 h, 7×24',
    policy: S002,
    events: [opened('2025-10-04T02:00:00+08:00', 'emergency_1')],
    now: '2025-10-04T02:00:00+08:00',
    clocks: {
      response: { due: '2025-10-04T02:05:00+08:00' },
      onSite: { due: '2025-10-04T03:00:00+08:00' },
      resolution: { status: 'not_applicable' },
    },
  },

  // ---- seed 003 ---------------------------------------------------------------------------------------------------------
  {
    name: 'seed 003 level 1 on a Saturday night: diagnosis within 1 h, 7×24',
    policy: S003,
    events: [opened('2025-09-06T22:00:00+08:00', 'level1'), responded('2025-09-06T22:10:00+08:00'), diagnosed('2025-09-06T22:50:00+08:00')],
    now: '2025-09-06T23:30:00+08:00',
    clocks: {
      response: { status: 'met', due: '2025-09-06T22:30:00+08:00' },
      diagnosis: { status: 'met', due: '2025-09-06T23:00:00+08:00', elapsed: 50 },
      onSite: { due: '2025-09-07T00:00:00+08:00' },
      resolution: { due: '2025-09-07T02:00:00+08:00' },
    },
  },

  // ---- calendar edits, reassignment, event hygiene, coverage ----------------------------------------------------------
  {
    name: 'an edited calendar (10-09 made a holiday) moves the due: hence the snapshot at open',
    calendar: EDITED,
    events: [opened('2025-09-30T16:30:00+08:00', 'l2')],
    now: '2025-09-30T16:30:00+08:00',
    clocks: { resolution: { due: '2025-10-10T11:30:00+08:00' } },
  },
  {
    name: 'reassignment changes nothing',
    events: [
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      reassigned('2025-09-02T09:02:00+08:00'),
      responded('2025-09-02T09:05:00+08:00'),
      reassigned('2025-09-02T10:00:00+08:00'),
    ],
    now: '2025-09-02T10:30:00+08:00',
    clocks: { response: { status: 'met', elapsed: 5 }, resolution: { due: '2025-09-02T13:00:00+08:00', elapsed: 90 } },
  },
  {
    name: 'events given out of order are sorted by time',
    events: [
      resolved('2025-09-02T12:00:00+08:00'),
      onSite('2025-09-02T09:45:00+08:00'),
      opened('2025-09-02T09:00:00+08:00', 'l2'),
      responded('2025-09-02T09:05:00+08:00'),
    ],
    now: '2025-09-02T12:30:00+08:00',
    state: 'resolved',
    clocks: { response: { status: 'met', elapsed: 5 }, resolution: { status: 'met', elapsed: 180 } },
  },
  {
    name: 'a year without holiday data (2027) is reported',
    events: [opened('2026-12-31T16:00:00+08:00', 'l3')],
    now: '2026-12-31T16:00:00+08:00',
    incompleteYears: [2027],
    clocks: { resolution: { due: '2027-01-04T14:00:00+08:00' } },
  },
];

describe('computeClocks', () => {
  it('has at least 60 hand-computed cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = computeClocks(c.policy ?? P, c.events, c.calendar ?? CAL, new Date(c.now));
    // The output honours its contract, and the events their schema.
    SlaEvaluation.parse(result);
    for (const e of c.events) TicketClockEvent.parse(e);
    if (c.band) expect(result.band).toBe(c.band);
    if (c.state) expect(result.state).toBe(c.state);
    if (c.autoCloseAt !== undefined) expect(cst(result.autoCloseAt)).toBe(c.autoCloseAt);
    expect(result.incompleteYears).toEqual(c.incompleteYears ?? []);
    for (const [kind, want] of Object.entries(c.clocks) as Array<[SlaClockKind, ClockExpect]>) {
      const clock = result.clocks.find((k) => k.kind === kind)!;
      const got: Record<string, unknown> = {};
      const exp: Record<string, unknown> = {};
      const check = (key: string, actual: unknown, expected: unknown) => {
        if (expected === undefined) return;
        got[key] = actual;
        exp[key] = expected;
      };
      check('status', clock.status, want.status);
      check('due', cst(clock.dueAt), want.due);
      check('started', cst(clock.startedAt), want.started);
      check('stoppedAt', cst(clock.stoppedAt), want.stoppedAt);
      check('breachedAt', cst(clock.breachedAt), want.breachedAt);
      check('warnAt', cst(clock.warnAt), want.warnAt);
      check('elapsed', clock.elapsedBusinessMinutes, want.elapsed);
      check('remaining', clock.remainingBusinessMinutes, want.remaining);
      check('paused', clock.pausedMinutes, want.paused);
      check('pausedWall', clock.pausedWallMinutes, want.pausedWall);
      check('percent', clock.percentUsed, want.percent);
      check('warning', clock.isWarning, want.warning);
      check('breached', clock.isBreached, want.breached ?? (want.breachedAt ? true : undefined));
      check('level', clock.levelKey, want.level);
      check('measuredOn', clock.measuredOn, want.measuredOn);
      expect({ kind, ...got }).toEqual({ kind, ...exp });
    }
  });
});

// ---- rules that are not a due time ------------------------------------------------------------------------------------

const clockOf = (r: SlaEvaluation, kind: SlaClockKind) => r.clocks.find((c) => c.kind === kind)!;

describe('computeClocks rules', () => {
  const basic = [opened('2025-09-30T16:30:00+08:00', 'l2'), responded('2025-09-30T16:40:00+08:00')];

  it('computes on the calendar snapshot taken at open, whatever the live calendar says later', () => {
    const snapshot = JSON.parse(JSON.stringify(snapshotCalendar(CAL, '2025-09-30'))) as unknown; // stored as JSON on the ticket
    const now = new Date('2025-10-09T09:00:00+08:00');
    const fromSnapshot = computeClocks(P, basic, calendarFromSnapshot(snapshot), now);
    expect(fromSnapshot).toEqual(computeClocks(P, basic, CAL, now));
    expect(cst(clockOf(fromSnapshot, 'resolution').dueAt)).toBe('2025-10-09T11:30:00+08:00');
    // The live calendar was edited afterwards (10-09 made a holiday): only tickets computed on it move.
    expect(cst(clockOf(computeClocks(P, basic, EDITED, now), 'resolution').dueAt)).toBe('2025-10-10T11:30:00+08:00');
  });

  it('leaves exceptions before the open date out of a snapshot', () => {
    const snap = snapshotCalendar(CAL, '2026-01-01');
    expect(snap.exceptions.every((e) => e.date >= '2026-01-01')).toBe(true);
    expect(snap.exceptions.find((e) => e.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(() => calendarFromSnapshot({ ...snap, weekly: [] })).toThrow();
  });

  it('is deterministic and does not touch its inputs', () => {
    const events = Object.freeze([...basic, paused('2025-10-09T09:00:00+08:00', 'awaiting_parts')]);
    const now = new Date('2025-10-09T10:00:00+08:00');
    const a = computeClocks(P, events, CAL, now);
    expect(computeClocks(P, events, CAL, now)).toEqual(a);
    expect(now.toISOString()).toBe('2025-10-09T02:00:00.000Z');
  });

  it('refuses events without an opened event', () => {
    const err = (() => {
      try {
        computeClocks(P, [responded('2025-09-02T09:00:00+08:00')], CAL, new Date('2025-09-02T10:00:00+08:00'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('sla.not_opened');
  });

  it('refuses a level the policy does not have', () => {
    expect(() => computeClocks(P, [opened('2025-09-02T09:00:00+08:00', 'p9')], CAL, new Date('2025-09-02T10:00:00+08:00'))).toThrow(
      expect.objectContaining({ code: 'sla.unknown_level' }),
    );
  });

  it('ignores impossible events and says why', () => {
    const r = computeClocks(
      P,
      [
        responded('2025-09-02T08:00:00+08:00'),
        opened('2025-09-02T09:00:00+08:00', 'l2'),
        resumed('2025-09-02T09:10:00+08:00'),
        reopened('2025-09-02T09:15:00+08:00'),
        changed('2025-09-02T09:20:00+08:00', 'p9'),
        paused('2025-09-02T09:30:00+08:00', 'coffee'),
        resumed('2025-09-02T09:40:00+08:00'),
        resolved('2025-09-02T10:00:00+08:00'),
        paused('2025-09-02T10:10:00+08:00', 'awaiting_parts'),
        resolved('2025-09-02T10:20:00+08:00'),
        closed('2025-09-02T13:00:00+08:00'),
      ],
      CAL,
      new Date('2025-09-02T12:00:00+08:00'),
    );
    // in time order, like the events
    expect(r.issues).toEqual([
      'ignored responded at 2025-09-02T08:00:00+08:00: before the ticket was opened',
      'ignored resumed at 2025-09-02T09:10:00+08:00: the ticket is not paused',
      'ignored reopened at 2025-09-02T09:15:00+08:00: the ticket is neither resolved nor closed',
      'ignored level_changed at 2025-09-02T09:20:00+08:00: level "p9" is not in the policy',
      'paused at 2025-09-02T09:30:00+08:00: unknown pause reason "coffee", pausing the resolution clock only',
      'ignored paused at 2025-09-02T10:10:00+08:00: the ticket is resolved',
      'ignored resolved at 2025-09-02T10:20:00+08:00: the ticket is already resolved',
      'ignored closed at 2025-09-02T13:00:00+08:00: after the evaluation time',
    ]);
    // the unknown reason paused resolution (10 min) but not on-site
    expect(clockOf(r, 'resolution')).toMatchObject({ status: 'met', elapsedBusinessMinutes: 50, pausedMinutes: 10 });
    expect(clockOf(r, 'onSite')).toMatchObject({ status: 'met', elapsedBusinessMinutes: 60, pausedMinutes: 0 });
    expect(r.state).toBe('resolved');
  });

  it('switches clocks off per ticket with notApplicable', () => {
    const r = computeClocks(P, basic, CAL, new Date('2025-10-09T12:00:00+08:00'), { notApplicable: ['onSite', 'diagnosis'] });
    expect(clockOf(r, 'onSite')).toMatchObject({ status: 'not_applicable', dueAt: null, isBreached: false });
    expect(clockOf(r, 'diagnosis').status).toBe('not_applicable');
    expect(clockOf(r, 'resolution').status).toBe('running');
  });

  it('takes a band override (e.g. an alert the desk treats as in-hours)', () => {
    const events = [opened('2025-09-02T20:00:00+08:00', 'fault')];
    const r = computeClocks(S001, events, CAL, new Date('2025-09-02T20:00:00+08:00'), { band: 'in_hours' });
    expect(r.band).toBe('in_hours');
    expect(cst(clockOf(r, 'response').dueAt)).toBe('2025-09-02T21:00:00+08:00');
  });

  it('uses the wall clock for a 7×24 policy whatever calendar it is handed', () => {
    const events = [opened('2025-10-01T10:00:00+08:00', 'level3')];
    const now = new Date('2025-10-01T10:00:00+08:00');
    const a = computeClocks(S003, events, CAL, now);
    expect(a).toEqual(computeClocks(S003, events, alwaysOnCalendar(), now));
    expect(a.band).toBe('in_hours');
    expect(cst(clockOf(a, 'resolution').dueAt)).toBe('2025-10-02T02:00:00+08:00');
  });

  it('reports the pause in progress and lists every span with its reason', () => {
    const r = computeClocks(
      P,
      [
        opened('2025-09-02T08:00:00+08:00', 'l2'),
        paused('2025-09-02T09:00:00+08:00', 'awaiting_requester'),
        resumed('2025-09-02T09:30:00+08:00'),
        paused('2025-09-02T10:00:00+08:00', 'awaiting_parts'),
      ],
      CAL,
      new Date('2025-09-02T10:45:00+08:00'),
    );
    expect(r.pause).toEqual({ reason: 'awaiting_parts', since: '2025-09-02T02:00:00.000Z' });
    expect(clockOf(r, 'resolution').pauses).toEqual([
      { reason: 'awaiting_requester', from: '2025-09-02T01:00:00.000Z', to: '2025-09-02T01:30:00.000Z', businessMinutes: 30, wallMinutes: 30 },
      { reason: 'awaiting_parts', from: '2025-09-02T02:00:00.000Z', to: null, businessMinutes: 45, wallMinutes: 45 },
    ]);
    expect(clockOf(r, 'onSite').status).toBe('running'); // the parts pause does not hold on-site
  });

  it('keeps sub-minute event times exact', () => {
    const r = computeClocks(
      P,
      [opened('2025-09-05T16:59:30+08:00', 'l2'), paused('2025-09-05T16:59:45+08:00', 'awaiting_parts'), resumed('2025-09-05T16:59:50+08:00')],
      CAL,
      new Date('2025-09-05T18:00:00+08:00'),
    );
    // 25 s counted on Friday, 5 s paused: the rest (239 min 35 s) from Monday 08:00
    expect(cst(clockOf(r, 'resolution').dueAt)).toBe('2025-09-08T11:59:35+08:00');
    expect(cst(clockOf(r, 'response').dueAt)).toBe('2025-09-08T08:29:30+08:00');
  });
});
