import { describe, expect, it } from 'vitest';
import { SlaPolicy } from '../../../../shared/schemas/sla.ts';
import { levelFromMatrix, policyFromTemplate, SLA_TEMPLATES } from './index.ts';
import { TEST_POLICY_INPUT } from './sla.fixtures.ts';

const byKey = (key: string) => SLA_TEMPLATES.find((t) => t.key === key)!.policy;
const HAN = /\p{Script=Han}/u;

describe('SLA templates', () => {
  it.each(SLA_TEMPLATES.map((t) => [t.key, t] as const))('%s parses with the SlaPolicy schema and cites its seed', (_key, t) => {
    expect(SlaPolicy.parse(t.policy)).toEqual(t.policy);
    expect(SlaPolicy.parse(JSON.parse(JSON.stringify(t.policy)))).toEqual(t.policy);
    expect(t.seed).toMatch(/^00[1-4] /);
    expect(t.policy.source).toMatch(/^00[1-4] /);
    expect(t.policy.name).toMatch(HAN);
    for (const level of t.policy.levels) {
      expect(level.name).toMatch(HAN); // named as the contract names it
      expect(level.nameEn).not.toBe('');
      expect(Object.values(level.targets).some((v) => v !== undefined)).toBe(true);
    }
    if (t.policy.levels.length > 1) expect(t.policy.priorityMatrix).toBeDefined();
  });

  it('has unique keys', () => {
    expect(new Set(SLA_TEMPLATES.map((t) => t.key)).size).toBe(SLA_TEMPLATES.length);
  });

  it('carries the numbers of the contracts', () => {
    expect(byKey('seed001_resident').levels[0]).toMatchObject({
      clock: '7x24',
      targets: { response: 60, onSite: 120 },
      offHours: { response: 120, onSite: 240 },
    });
    expect(byKey('seed002_maintenance').levels.map((l) => [l.key, l.targets.resolution ?? null, l.resolutionFrom])).toEqual([
      ['emergency_1', null, 'opened'],
      ['emergency_2', null, 'opened'],
      ['outage', 240, 'on_site'],
      ['impaired', 720, 'on_site'],
      ['minor', 1440, 'on_site'],
    ]);
    expect(byKey('seed003_emergency').levels.map((l) => [l.name, l.targets.diagnosis, l.targets.resolution])).toEqual([
      ['一级故障', 60, 240],
      ['二级故障', 120, 480],
      ['三级故障', 240, 960],
      ['四级故障', 240, 960],
    ]);
    const s004 = byKey('seed004_faults');
    expect(s004.levels[0]).toMatchObject({ name: '一级故障', clock: '7x24', targets: { response: 1, onSite: 10, resolution: 30 } });
    expect(s004.levels[2]).toMatchObject({ name: '三级故障', clock: 'calendar', targets: { response: 5, onSite: 30, resolution: 120 }, offHours: { response: 30 } });
    expect(byKey('seed004_cloud_tickets').levels[0]).toMatchObject({ targets: { response: 10 }, offHours: { response: 20 } });
  });

  it('maps impact × urgency to a level', () => {
    const s004 = byKey('seed004_faults');
    expect(levelFromMatrix(s004, 'wide', 'stopped')).toBe('level1');
    expect(levelFromMatrix(s004, 'individual', 'unaffected')).toBe('level4');
    expect(levelFromMatrix(byKey('seed002_maintenance'), 'department', 'stopped')).toBe('outage');
    expect(levelFromMatrix(s004, 'nobody', 'stopped')).toBeUndefined();
    expect(levelFromMatrix(byKey('seed001_resident'), 'wide', 'stopped')).toBeUndefined();
  });

  it('hands out editable copies', () => {
    const copy = policyFromTemplate('seed004_faults')!;
    copy.levels[0]!.targets.resolution = 45;
    expect(byKey('seed004_faults').levels[0]!.targets.resolution).toBe(30);
    expect(policyFromTemplate('nope')).toBeUndefined();
  });
});

describe('SlaPolicy schema', () => {
  const level = TEST_POLICY_INPUT.levels[1]!;
  const withLevels = (levels: unknown[]) => ({ ...TEST_POLICY_INPUT, levels });

  it('applies defaults', () => {
    const p = SlaPolicy.parse({ name: '策略', nameEn: 'Policy', calendar: 'business', levels: [{ key: 'a', name: '一级', nameEn: 'L1', targets: { response: 10 } }] });
    expect(p).toMatchObject({ warnAtPercent: 80, pauseReasons: [], autoCloseAfterDays: 3 });
    expect(p.levels[0]).toMatchObject({ clock: 'calendar', resolutionFrom: 'opened' });
  });

  it('accepts a custom calendar id', () => {
    expect(SlaPolicy.safeParse({ ...TEST_POLICY_INPUT, calendar: { calendarId: '0b6f4c0e-8a4e-4c1e-9d7e-2a1b3c4d5e6f' } }).success).toBe(true);
  });

  it.each([
    ['duplicate level keys', withLevels([level, level])],
    ['off-hours targets on a 7×24 policy', { ...TEST_POLICY_INPUT, calendar: '7x24', levels: [{ ...level, offHours: { response: 5 } }] }],
    ['resolution from on-site without an on-site target', withLevels([{ key: 'x', name: '甲', nameEn: 'X', targets: { resolution: 60 }, resolutionFrom: 'on_site' }])],
    ['a pause that stops the response clock', { ...TEST_POLICY_INPUT, pauseReasons: [{ key: 'w', name: '等', nameEn: 'wait', stops: ['response'] }] }],
    ['a zero target', withLevels([{ ...level, targets: { response: 0 } }])],
    ['a warning at 100 %', { ...TEST_POLICY_INPUT, warnAtPercent: 100 }],
    [
      'an incomplete priority matrix',
      {
        ...TEST_POLICY_INPUT,
        priorityMatrix: {
          impacts: [{ key: 'a', name: '甲', nameEn: 'A' }, { key: 'b', name: '乙', nameEn: 'B' }],
          urgencies: [{ key: 'u', name: '急', nameEn: 'U' }],
          cells: [{ impact: 'a', urgency: 'u', level: 'l1' }],
        },
      },
    ],
    [
      'a matrix cell naming an unknown level',
      {
        ...TEST_POLICY_INPUT,
        priorityMatrix: {
          impacts: [{ key: 'a', name: '甲', nameEn: 'A' }],
          urgencies: [{ key: 'u', name: '急', nameEn: 'U' }],
          cells: [{ impact: 'a', urgency: 'u', level: 'p9' }],
        },
      },
    ],
  ])('rejects %s', (_what, input) => {
    expect(SlaPolicy.safeParse(input).success).toBe(false);
  });
});
