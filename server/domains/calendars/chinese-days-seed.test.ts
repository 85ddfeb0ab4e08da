import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, parseDayRanges, type BusinessCalendar, type CalendarException } from './business-time.ts';
import { chineseDaysSeed } from './chinese-days-seed.ts';

const seed = chineseDaysSeed();
const byDate = new Map(seed.days.map((d) => [d.date, d]));

describe('chineseDaysSeed', () => {
  it('names the installed package version as its source', () => {
    const pkg = createRequire(import.meta.url)('chinese-days/package.json') as { version: string };
    expect(seed.source).toBe(`chinese-days@${pkg.version}`);
  });

  it('marks 2026-02-14 as a 春节 make-up workday', () => {
    expect(byDate.get('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节', nameEn: 'Spring Festival' });
    expect(byDate.get('2026-02-28')?.kind).toBe('workday');
    expect(byDate.get('2026-01-04')?.kind).toBe('workday'); // 元旦 make-up Sunday
  });

  it('has 2026-10-01..07 as National Day holidays and 10-08 as an ordinary day', () => {
    for (let d = 1; d <= 7; d++) {
      expect(byDate.get(`2026-10-0${d}`)).toMatchObject({ kind: 'holiday', name: '国庆节', nameEn: 'National Day' });
    }
    expect(byDate.has('2026-10-08')).toBe(false);
  });

  it('covers 2026 but not 2027', () => {
    expect(seed.years).toContain(2026);
    expect(seed.years).not.toContain(2027);
  });

  it('lists exactly the years that have entries, ascending', () => {
    const fromDays = [...new Set(seed.days.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
    expect(seed.years).toEqual(fromDays);
  });

  it('has valid, unique, sorted dates and non-empty names', () => {
    const dates = seed.days.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const d of seed.days) {
      expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.date);
      expect(['holiday', 'workday']).toContain(d.kind);
      expect(d.name).not.toBe('');
      expect(d.nameEn).not.toBe('');
    }
  });

  it('only marks weekends as make-up workdays', () => {
    for (const d of seed.days.filter((x) => x.kind === 'workday')) {
      expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
    }
  });

  it('feeds a business calendar that reproduces the 国庆 2025 SLA example', () => {
    const hours = parseDayRanges('08:00-17:00');
    const exceptions = new Map<string, CalendarException>(
      seed.days.map((d) => [d.date, { date: d.date, kind: d.kind, name: d.name }]),
    );
    const cal: BusinessCalendar = {
      timeZone: 'Asia/Shanghai',
      weekly: [hours, hours, hours, hours, hours, [], []],
      makeupRanges: hours,
      exceptions,
      coveredYears: new Set(seed.years),
    };
    const r = addBusinessMinutes(cal, new Date('2025-09-30T16:30:00+08:00'), 240);
    expect(r.at).toEqual(new Date('2025-10-09T11:30:00+08:00'));
    expect(r.incompleteYears).toEqual([]);
  });
});
