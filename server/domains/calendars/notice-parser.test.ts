import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { chineseDaysSeed } from './chinese-days-seed.ts';
import { NOTICE_2025, NOTICE_2026 } from './notice-parser.fixtures.ts';
import { parseHolidayNotice } from './notice-parser.ts';

const seed = chineseDaysSeed();
const seedYear = (year: number) => seed.days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => ({ date: d.date, kind: d.kind }));
const dateKind = (days: Array<{ date: string; kind: string }>) => days.map((d) => ({ date: d.date, kind: d.kind }));

function unparsed(fn: () => unknown): Array<{ line: number; text: string; reason: string }> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).kind).toBe('invalid');
    expect((e as AppError).code).toBe('calendar.notice_unparsed');
    return ((e as AppError).details as { lines: Array<{ line: number; text: string; reason: string }> }).lines;
  }
  throw new Error('expected calendar.notice_unparsed');
}

describe('parseHolidayNotice', () => {
  it('reads the 2026 notice into exactly the days chinese-days has for 2026', () => {
    const days = parseHolidayNotice(2026, NOTICE_2026);
    expect(dateKind(days)).toEqual(seedYear(2026));
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.find((d) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(days.find((d) => d.date === '2026-10-07')).toEqual({ date: '2026-10-07', kind: 'holiday', name: '国庆节' });
  });

  it('reads the 2025 notice, including a range crossing months, into the days chinese-days has for 2025', () => {
    const days = parseHolidayNotice(2025, NOTICE_2025);
    expect(dateKind(days)).toEqual(seedYear(2025));
    expect(days.filter((d) => d.date >= '2025-05-31' && d.date <= '2025-06-02').map((d) => d.date)).toEqual(['2025-05-31', '2025-06-01', '2025-06-02']);
    expect(days.find((d) => d.date === '2025-10-06')?.name).toBe('国庆节、中秋节');
  });

  it('reads a notice pasted as one paragraph with half-width punctuation', () => {
    const oneLine = NOTICE_2026.split('\n').filter((l) => /^[一二三四五六七]、/.test(l)).join('').replace(/：/g, ':').replace(/，/g, ',');
    expect(dateKind(parseHolidayNotice(2026, oneLine))).toEqual(seedYear(2026));
  });

  it('reads full-width digits', () => {
    expect(parseHolidayNotice(2026, '清明节：４月５日放假。')).toEqual([{ date: '2026-04-05', kind: 'holiday', name: '清明节' }]);
  });

  it('puts the part of a range after December into the next year', () => {
    const days = parseHolidayNotice(2018, '一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。');
    expect(days.map((d) => `${d.date} ${d.kind}`)).toEqual(['2018-12-29 workday', '2018-12-30 holiday', '2018-12-31 holiday', '2019-01-01 holiday']);
  });

  it('honours explicit years', () => {
    const days = parseHolidayNotice(2019, '一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。');
    expect(days.map((d) => d.date)).toEqual(['2018-12-29', '2018-12-30', '2018-12-31', '2019-01-01']);
  });

  it('reads a make-up workday sentence wrapped onto its own line', () => {
    const days = parseHolidayNotice(2026, '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。\n1月4日（周日）上班。');
    expect(days.at(-1)).toEqual({ date: '2026-01-04', kind: 'workday', name: '元旦' });
  });

  it('names every festival line it cannot read', () => {
    const lines = unparsed(() => parseHolidayNotice(2026, '一、元旦：1月1日至3日放假。\n二、春节：二月十五日至二十三日放假。\n三、清明节：4月4日至6日\n四、劳动节：5月1日至5日放假。'));
    expect(lines.map((l) => l.line)).toEqual([2, 3]);
    expect(lines[0]!.text).toBe('二、春节：二月十五日至二十三日放假。');
  });

  it('rejects a notice pasted into the wrong year because its weekdays do not match', () => {
    const lines = unparsed(() => parseHolidayNotice(2027, NOTICE_2026));
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(lines[0]!.reason).toMatch(/not 2027/);
  });

  it('rejects text without any festival line', () => {
    expect(unparsed(() => parseHolidayNotice(2026, '节假日期间，各地区要妥善安排好值班工作。'))[0]!.reason).toMatch(/no festival/);
  });

  it('rejects impossible dates and backwards ranges', () => {
    expect(unparsed(() => parseHolidayNotice(2026, '春节：2月30日放假。'))[0]!.reason).toMatch(/not a date/);
    expect(unparsed(() => parseHolidayNotice(2026, '春节：2月20日至15日放假。'))[0]!.reason).toMatch(/ends before/);
  });

  it('rejects a date that is both a holiday and a workday', () => {
    expect(unparsed(() => parseHolidayNotice(2026, '元旦：1月1日至3日放假。\n春节：1月3日上班。'))[0]!.reason).toMatch(/both/);
  });
});
