import { describe, expect, it } from 'vitest';
import type { SlaClockState } from '../../../shared/schemas/sla.ts';
import { allowedSteps, categoryTree, clockTone, countdownTone, formatCountdown, formatMinutesSpan, localizedText, mergeLevels, SOON_MS } from './desk-format.ts';
import { ticketQuery } from './ticket-query.ts';

const ZH = { d: '天', h: '小时', m: '分', s: '秒', sep: ' ' };
const EN = { d: 'd', h: 'h', m: 'min', s: 's', sep: ' ' };
const MIN = 60_000;

describe('formatCountdown', () => {
  it('shows the two largest parts, skipping a zero smaller one', () => {
    expect(formatCountdown(125 * MIN, ZH)).toBe('2 小时 5 分');
    expect(formatCountdown(120 * MIN, ZH)).toBe('2 小时');
    expect(formatCountdown((26 * 60 + 30) * MIN, EN)).toBe('1 d 2 h');
    expect(formatCountdown(48 * 60 * MIN, EN)).toBe('2 d');
  });
  it('counts whole minutes under an hour, or minutes and seconds when asked', () => {
    expect(formatCountdown(12 * MIN + 30_000, ZH)).toBe('12 分');
    expect(formatCountdown(12 * MIN + 30_000, ZH, true)).toBe('12 分 30 秒');
    expect(formatCountdown(45_000, EN, true)).toBe('45 s');
    expect(formatCountdown(45_000, EN)).toBe('0 min');
  });
  it('drops the sign: the caller says whether it is overdue', () => {
    expect(formatCountdown(-75 * MIN, ZH)).toBe('1 小时 15 分');
    expect(formatCountdown(Number.NaN, ZH)).toBe('—');
  });
  it('formats spans of minutes (business or wall) the same way', () => {
    expect(formatMinutesSpan(90, ZH)).toBe('1 小时 30 分');
    expect(formatMinutesSpan(240, EN)).toBe('4 h');
    expect(formatMinutesSpan(-30, EN)).toBe('30 min');
    expect(formatMinutesSpan(0, ZH)).toBe('0 分');
  });
});

describe('countdownTone', () => {
  const now = Date.parse('2026-03-02T08:00:00Z');
  const at = (minutes: number) => new Date(now + minutes * MIN).toISOString();
  it('is red once breached or past due', () => {
    expect(countdownTone({ dueAt: at(60), isBreached: true, nowMs: now })).toBe('breached');
    expect(countdownTone({ dueAt: at(-1), isBreached: false, nowMs: now })).toBe('breached');
    expect(countdownTone({ dueAt: null, isBreached: true, nowMs: now })).toBe('breached');
  });
  it('is orange close to the due or when the engine warns, green otherwise', () => {
    expect(countdownTone({ dueAt: at(SOON_MS / MIN), isBreached: false, nowMs: now })).toBe('warning');
    expect(countdownTone({ dueAt: at(120), isBreached: false, isWarning: true, nowMs: now })).toBe('warning');
    expect(countdownTone({ dueAt: at(120), isBreached: false, nowMs: now })).toBe('normal');
  });
  it('has no colour without a running clock', () => {
    expect(countdownTone({ dueAt: null, isBreached: false, nowMs: now })).toBe('none');
  });
});

describe('clockTone', () => {
  const clock = (patch: Partial<SlaClockState>) => ({ status: 'running' as const, isBreached: false, isWarning: false, ...patch });
  it('follows the engine flags', () => {
    expect(clockTone(clock({}))).toBe('normal');
    expect(clockTone(clock({ isWarning: true }))).toBe('warning');
    expect(clockTone(clock({ isBreached: true, isWarning: true }))).toBe('breached');
    expect(clockTone(clock({ status: 'breached', isBreached: true }))).toBe('breached');
    expect(clockTone(clock({ status: 'met' }))).toBe('normal');
    expect(clockTone(clock({ status: 'not_applicable' }))).toBe('none');
    expect(clockTone(clock({ status: 'paused', isWarning: true }))).toBe('warning');
  });
});

describe('allowedSteps', () => {
  const incident = (status: Parameters<typeof allowedSteps>[0]['status'], onSiteAt: string | null = null) => allowedSteps({ status, type: 'incident', onSiteAt });
  it('offers what docs/servicedesk.md allows from each status', () => {
    expect(incident('new')).toEqual(['respond', 'arrive', 'resolve', 'reassign', 'level', 'merge']);
    expect(incident('responded')).toEqual(['arrive', 'start', 'pause', 'resolve', 'reassign', 'level', 'merge']);
    expect(incident('on_site', '2026-03-02T08:00:00Z')).toEqual(['start', 'pause', 'resolve', 'reassign', 'level', 'merge']);
    expect(incident('pending')).toEqual(['resume', 'resolve', 'reassign', 'level', 'merge']);
    expect(incident('resolved')).toEqual(['close', 'reopen']);
    expect(incident('closed')).toEqual([]);
  });
  it('offers the arrival once, and never for consultations and complaints', () => {
    expect(incident('in_progress')).toContain('arrive');
    expect(incident('in_progress', '2026-03-02T08:00:00Z')).not.toContain('arrive');
    expect(allowedSteps({ status: 'new', type: 'consultation' })).not.toContain('arrive');
    expect(allowedSteps({ status: 'responded', type: 'complaint' })).not.toContain('arrive');
  });
});

describe('categoryTree', () => {
  it('nests children under their parent in list order and keeps orphans as roots', () => {
    const items = [
      { id: 'a', parentId: null, name: '硬件' },
      { id: 'b', parentId: 'a', name: '打印机' },
      { id: 'c', parentId: 'a', name: '电脑' },
      { id: 'd', parentId: 'gone', name: '孤儿' },
    ];
    const tree = categoryTree(items);
    expect(tree.map((n) => n.item.id)).toEqual(['a', 'd']);
    expect(tree[0]?.children.map((n) => n.item.name)).toEqual(['打印机', '电脑']);
  });
});

describe('mergeLevels and localizedText', () => {
  it('merges levels of several policies by key, first name winning', () => {
    const a = { levels: [{ key: 'level1', name: '一级故障', nameEn: 'Level 1' }] };
    const b = { levels: [{ key: 'level1', name: '一级', nameEn: 'L1' }, { key: 'high', name: '高', nameEn: 'High' }] };
    expect(mergeLevels([a, b])).toEqual([{ key: 'level1', name: '一级故障', nameEn: 'Level 1' }, { key: 'high', name: '高', nameEn: 'High' }]);
  });
  it('picks the sentence of the UI language', () => {
    expect(localizedText({ 'zh-CN': '响应', en: 'Response' }, 'en')).toBe('Response');
    expect(localizedText({ 'zh-CN': '响应', en: 'Response' }, 'zh-CN')).toBe('响应');
  });
});

describe('ticketQuery', () => {
  it('joins lists, sends breached only when asked, and leaves empty filters out', () => {
    expect(ticketQuery({ status: ['open', 'resolved'], level: [], isBreachedOnly: true, assignee: 'me', page: 2, pageSize: 20 })).toMatchObject({ status: 'open,resolved', level: undefined, breached: 'true', assignee: 'me', page: 2 });
    expect(ticketQuery({ isBreachedOnly: false }).breached).toBeUndefined();
  });
});
