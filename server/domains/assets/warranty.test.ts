import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, warrantyEnd, warrantyStatus } from './warranty.ts';

describe('warranty', () => {
  it('ends on the last day of the month `years` after the purchase month', () => {
    expect(warrantyEnd('2018-04-01', 3)).toBe('2021-04-30');
    expect(warrantyEnd('2019-12-01', 1)).toBe('2020-12-31');
    expect(warrantyEnd('2019-02-01', 1)).toBe('2020-02-29');
    expect(warrantyEnd('2020-01-01', 0.5)).toBe('2020-07-31');
    expect(warrantyEnd('2020-01-01', 0)).toBe('2020-01-31');
    expect(warrantyEnd(null, 3)).toBeNull();
    expect(warrantyEnd('2018-04-01', null)).toBeNull();
  });

  it('is 过保 the day after the end and 保内 on the end day', () => {
    expect(warrantyStatus('2021-04-30', '2026-11-22')).toBe('out');
    expect(warrantyStatus('2026-11-22', '2026-11-22')).toBe('in');
    expect(warrantyStatus(null, '2026-11-22')).toBe('unknown');
  });

  it('takes today in Beijing time and counts calendar days', () => {
    expect(localDate(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22');
    expect(addDays('2026-11-22', 30)).toBe('2026-12-22');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-22', '2026-12-22')).toBe(30);
    expect(daysBetween('2026-11-22', '2021-04-30')).toBeLessThan(0);
  });
});
