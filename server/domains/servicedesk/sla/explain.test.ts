import { describe, expect, it } from 'vitest';
import type { SlaClockKind, SlaEvaluation } from '../../../../shared/schemas/sla.ts';
import { computeClocks, describeHours, formatDuration, formatLocal } from './index.ts';
import {
  CAL,
  LUNCH,
  P,
  S001,
  S002,
  changed,
  onSite,
  opened,
  paused,
  reopened,
  resolved,
  responded,
  resumed,
  workCalendar,
} from './sla.fixtures.ts';

const explain = (r: SlaEvaluation, kind: SlaClockKind) => r.clocks.find((c) => c.kind === kind)!.explanation;

describe('explainClock', () => {
  it('reproduces the issue example in both languages', () => {
    const r = computeClocks(
      P,
      [
        opened('2025-09-30T16:30:00+08:00', 'l2'),
        responded('2025-09-30T16:40:00+08:00'),
        paused('2025-10-09T09:00:00+08:00', 'awaiting_parts'),
        resumed('2025-10-09T10:20:00+08:00'),
      ],
      CAL,
      new Date('2025-10-09T11:00:00+08:00'),
    );
    expect(explain(r, 'resolution')).toEqual({
      en:
        'Resolution due 2025-10-09 12:50: opened 2025-09-30 16:30, 4 business hours on 08:00–17:00, ' +
        '2025-10-01..08 holiday (National Day, Mid-Autumn Festival), paused 1 h 20 min waiting for spare parts. ' +
        'Running: 2 h 10 min of 4 h used (54 %), 1 h 50 min left.',
      'zh-CN':
        '解决时限 2025-10-09 12:50：2025-09-30 16:30 报修，按工作时间 08:00–17:00 计 4 小时，' +
        '跳过 2025-10-01..08 假期（国庆节、中秋），因等待备件暂停 1 小时 20 分钟。' +
        '进行中：已用 2 小时 10 分钟 / 4 小时（54%），剩余 1 小时 50 分钟。',
    });
    expect(explain(r, 'response').en).toBe(
      'Response due 2025-09-30 17:00: opened 2025-09-30 16:30, 30 business minutes on 08:00–17:00. Met: responded 2025-09-30 16:40, 10 min of 30 min used.',
    );
    expect(explain(r, 'onSite').en).toContain('Overdue since 2025-10-09 09:30: 3 h 30 min of 2 h used, 1 h 30 min over.');
    expect(explain(r, 'onSite')['zh-CN']).toContain('已超时（2025-10-09 09:30 起）');
  });

  it('names weekends and 调休 make-up days between start and due', () => {
    const r = computeClocks(P, [opened('2025-09-26T16:00:00+08:00', 'l3')], CAL, new Date('2025-09-26T16:00:00+08:00'));
    expect(explain(r, 'resolution').en).toBe(
      'Resolution due 2025-09-29 14:00: opened 2025-09-26 16:00, 16 business hours on 08:00–17:00, 2025-09-27 weekend, ' +
        '2025-09-28 (Sun) make-up working day. Running: 0 min of 16 h used (0 %), 16 h left.',
    );
    expect(explain(r, 'resolution')['zh-CN']).toBe(
      '解决时限 2025-09-29 14:00：2025-09-26 16:00 报修，按工作时间 08:00–17:00 计 16 小时，跳过 2025-09-27 周末，' +
        '2025-09-28（周日）调休上班。进行中：已用 0 分钟 / 16 小时（0%），剩余 16 小时。',
    );
  });

  it('spans across months and names Spring Festival', () => {
    const r2025 = computeClocks(P, [opened('2025-01-27T15:00:00+08:00', 'l2')], CAL, new Date('2025-01-27T15:00:00+08:00'));
    expect(explain(r2025, 'resolution').en).toContain('2025-01-28..02-04 holiday (Spring Festival)');
    expect(explain(r2025, 'resolution')['zh-CN']).toContain('跳过 2025-01-28..02-04 假期（春节）');
    const r2026 = computeClocks(P, [opened('2026-02-13T14:00:00+08:00', 'l3')], CAL, new Date('2026-02-13T14:00:00+08:00'));
    expect(explain(r2026, 'resolution').en).toContain('2026-02-15..23 holiday (Spring Festival), 2026-02-14 (Sat) make-up working day');
  });

  it('explains seed 001 off-hours targets as wall-clock', () => {
    const r = computeClocks(S001, [opened('2025-09-02T20:00:00+08:00', 'fault')], CAL, new Date('2025-09-02T20:30:00+08:00'));
    expect(explain(r, 'response')).toEqual({
      en:
        'Response due 2025-09-02 22:00: opened 2025-09-02 20:00 outside working hours (08:00–17:00), ' +
        'off-hours target 2 hours round the clock (7×24). Running: 30 min of 2 h used (25 %), 1 h 30 min left.',
      'zh-CN':
        '响应时限 2025-09-02 22:00：2025-09-02 20:00 非工作时间报修（工作时间 08:00–17:00），' +
        '适用非工作时间时限，7×24 连续计 2 小时。进行中：已用 30 分钟 / 2 小时（25%），剩余 1 小时 30 分钟。',
    });
    expect(explain(r, 'resolution')).toEqual({
      en: 'Resolution: not applicable, no resolution target for 故障报修 (Fault report).',
      'zh-CN': '解决：不适用，故障报修未约定解决时限。',
    });
  });

  it('says when a stopped clock was late', () => {
    const r = computeClocks(
      S001,
      [opened('2025-09-02T20:00:00+08:00', 'fault'), responded('2025-09-02T21:30:00+08:00'), onSite('2025-09-03T00:30:00+08:00')],
      CAL,
      new Date('2025-09-03T01:00:00+08:00'),
    );
    expect(explain(r, 'onSite').en).toMatch(/Breached at 2025-09-03 00:00: on site 2025-09-03 00:30, 4 h 30 min of 4 h used\.$/);
    expect(explain(r, 'onSite')['zh-CN']).toMatch(/超时：2025-09-03 00:00 起超时，2025-09-03 00:30 已到场，用时 4 小时 30 分钟 \/ 4 小时。$/);
  });

  it('describes a pause in progress, a warning and several pause reasons', () => {
    const base = [opened('2025-09-02T08:00:00+08:00', 'l2'), responded('2025-09-02T08:05:00+08:00'), onSite('2025-09-02T08:30:00+08:00')];
    const pausedNow = computeClocks(P, [...base, paused('2025-09-02T10:00:00+08:00', 'awaiting_parts')], CAL, new Date('2025-09-02T11:00:00+08:00'));
    expect(explain(pausedNow, 'resolution').en).toContain(
      'Paused since 2025-09-02 10:00 (waiting for spare parts): 2 h of 4 h used, 2 h left; the due time moves while paused.',
    );
    expect(explain(pausedNow, 'resolution')['zh-CN']).toContain('暂停中（2025-09-02 10:00 起，等待备件）');

    const warning = computeClocks(P, base, CAL, new Date('2025-09-02T11:30:00+08:00'));
    expect(explain(warning, 'resolution').en).toContain('Warning, over 80 %: 3 h 30 min of 4 h used (88 %), 30 min left.');
    expect(explain(warning, 'resolution')['zh-CN']).toContain('预警（超过 80%）');

    const several = computeClocks(
      P,
      [
        ...base,
        paused('2025-09-02T09:00:00+08:00', 'awaiting_requester'),
        resumed('2025-09-02T09:30:00+08:00'),
        paused('2025-09-02T10:00:00+08:00', 'awaiting_parts'),
        resumed('2025-09-02T11:00:00+08:00'),
      ],
      CAL,
      new Date('2025-09-02T11:00:00+08:00'),
    );
    expect(explain(several, 'resolution').en).toContain('paused 1 h 30 min (waiting for the requester 30 min, waiting for spare parts 1 h)');
    expect(explain(several, 'resolution')['zh-CN']).toContain('暂停共 1 小时 30 分钟（等待报修方 30 分钟、等待备件 1 小时）');
  });

  it('says a pause outside working hours moved nothing', () => {
    const r = computeClocks(
      P,
      [
        opened('2025-09-02T15:00:00+08:00', 'l2'),
        paused('2025-09-02T18:00:00+08:00', 'awaiting_requester'),
        resumed('2025-09-02T20:00:00+08:00'),
      ],
      CAL,
      new Date('2025-09-02T20:00:00+08:00'),
    );
    expect(explain(r, 'resolution').en).toContain('paused outside working hours only (waiting for the requester), which moves nothing');
  });

  it('mentions level changes, reopen spans and the on-site start of seed 002', () => {
    const changedLevel = computeClocks(
      P,
      [opened('2025-09-02T09:00:00+08:00', 'l3'), changed('2025-09-02T10:00:00+08:00', 'l2')],
      CAL,
      new Date('2025-09-02T10:30:00+08:00'),
    );
    expect(explain(changedLevel, 'resolution').en).toContain(
      'level changed from 中 (Medium) to 高 (High) at 2025-09-02 10:00: target replaced, time used kept',
    );
    expect(explain(changedLevel, 'resolution')['zh-CN']).toContain('2025-09-02 10:00 级别由中调整为高，时限按新级别重算，已用时间保留');

    const reopenedTicket = computeClocks(
      P,
      [opened('2025-09-02T09:00:00+08:00', 'l2'), resolved('2025-09-02T11:00:00+08:00'), reopened('2025-09-02T15:00:00+08:00')],
      CAL,
      new Date('2025-09-02T16:00:00+08:00'),
    );
    expect(explain(reopenedTicket, 'resolution').en).toContain('paused 4 h resolved until reopened');

    const fromArrival = computeClocks(
      S002,
      [opened('2025-09-02T09:00:00+08:00', 'outage'), onSite('2025-09-02T10:00:00+08:00')],
      CAL,
      new Date('2025-09-02T10:00:00+08:00'),
    );
    expect(explain(fromArrival, 'resolution').en).toContain('opened 2025-09-02 09:00, counted from on-site arrival 2025-09-02 10:00');
    const noArrival = computeClocks(S002, [opened('2025-09-02T09:00:00+08:00', 'outage')], CAL, new Date('2025-09-02T10:00:00+08:00'));
    expect(explain(noArrival, 'resolution')['zh-CN']).toContain('自到场时限 2025-09-02 11:00 起算（届时未到场）');
  });

  it('formats durations, local times and working hours', () => {
    expect(formatDuration(80, 'en')).toBe('1 h 20 min');
    expect(formatDuration(240, 'en')).toBe('4 h');
    expect(formatDuration(45, 'zh-CN')).toBe('45 分钟');
    expect(formatDuration(-90, 'zh-CN')).toBe('1 小时 30 分钟');
    expect(formatLocal(new Date('2025-10-09T04:50:00Z'), 'Asia/Shanghai')).toBe('2025-10-09 12:50');
    expect(formatLocal(new Date('2025-10-09T04:50:07Z'), 'Asia/Shanghai')).toBe('2025-10-09 12:50:07');
    expect(describeHours(CAL).en).toBe('08:00–17:00');
    expect(describeHours(LUNCH).zh).toBe('08:00–12:00, 13:30–17:00');
    const saturdayMornings = { ...workCalendar('08:00-17:00'), weekly: [...CAL.weekly.slice(0, 5), [[480, 720]] as const, []] };
    expect(describeHours(saturdayMornings)).toEqual({ en: 'Mon–Fri 08:00–17:00; Sat 08:00–12:00', zh: '周一–周五 08:00–17:00；周六 08:00–12:00' });
  });
});
