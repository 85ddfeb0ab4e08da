import { describe, expect, it } from 'vitest';
import { GenericWebhookMapping } from '../../../shared/schemas/alerts-inbound.ts';
import { AlertIntegrationInput, AlertRouteInput, EscalationPolicyInput, OnCallScheduleInput, SilenceInput } from '../../../shared/schemas/alerts.ts';
import { absoluteUrl, clipShifts, curlCommand, matchersFromLabels, parseLabelLines, parseList, personColor, rowsToRecord, samplePayload, setAtPath, swapOverrides, webhookSample } from './alert-format.ts';
import { channelIssues, configDefaults, enumOptions, formToConfig, formToSecrets } from './channel-kinds.ts';
import { newEscalationValues, toEscalationInput } from './escalation-form-values.ts';
import { integrationFieldOf, newIntegrationValues, toIntegrationConfig } from './integration-form-values.ts';
import { newRouteValues, routeFieldOf, toRouteInput } from './route-form-values.ts';
import { newScheduleValues, scheduleFieldOf, toScheduleInput } from './schedule-form-values.ts';

const ORG = '00000000-0000-4000-8000-000000000001';

describe('parseList', () => {
  it('keeps only allowed, distinct items of a comma list', () => {
    expect(parseList(['P1', 'P2', 'P3', 'P4'] as const, 'P1,P9,P2,P1')).toEqual(['P1', 'P2']);
    expect(parseList(['P1'] as const, 'bogus')).toBeUndefined();
    expect(parseList(['P1'] as const, null)).toBeUndefined();
  });
});

describe('matchersFromLabels', () => {
  it('puts built-in labels first, then the others by name, all as equality matchers', () => {
    const m = matchersFromLabels({ zone: 'a', severity: 'P1', asset: 'his-db', app: 'his' });
    expect(m.map((x) => x.name)).toEqual(['severity', 'asset', 'app', 'zone']);
    expect(m.every((x) => x.op === '=')).toBe(true);
    expect(SilenceInput.safeParse({ orgId: ORG, matchers: m, startsAt: '2026-11-02T08:00:00+08:00', endsAt: '2026-11-02T09:00:00+08:00', reason: 'x' }).success).toBe(true);
  });
  it('never gives a silence more matchers than it accepts', () => {
    const labels = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`l${i}`, String(i)]));
    expect(matchersFromLabels(labels)).toHaveLength(20);
  });
});

describe('parseLabelLines', () => {
  it('reads name=value lines and reports the first bad one', () => {
    expect(parseLabelLines('service=his\n\n env = prod \nurl=a=b')).toEqual({ labels: { service: 'his', env: 'prod', url: 'a=b' } });
    expect(parseLabelLines('service=his\nnonsense')).toEqual({ badLine: 'nonsense' });
  });
});

describe('on-call helpers', () => {
  const shifts = [
    { userId: 'u1', userName: '张三', start: '2026-11-02T01:00:00Z', end: '2026-11-03T01:00:00Z', layer: 0 as const },
    { userId: 'u2', userName: '李四', start: '2026-11-03T01:00:00Z', end: '2026-11-04T01:00:00Z', layer: 'override' as const },
  ];
  it('clips shifts to a day in time order', () => {
    const from = Date.parse('2026-11-02T16:00:00Z'); // 2026-11-03 00:00 China time
    const pieces = clipShifts(shifts, from, from + 86_400_000);
    expect(pieces.map((p) => [p.shift.userId, new Date(p.startMs).toISOString(), new Date(p.endMs).toISOString()])).toEqual([
      ['u1', '2026-11-02T16:00:00.000Z', '2026-11-03T01:00:00.000Z'],
      ['u2', '2026-11-03T01:00:00.000Z', '2026-11-03T16:00:00.000Z'],
    ]);
  });
  it('turns a swap into two overrides, each person covering the other one’s shift', () => {
    expect(swapOverrides(shifts[0]!, shifts[1]!, '换班')).toEqual([
      { userId: 'u2', start: shifts[0]!.start, end: shifts[0]!.end, reason: '换班' },
      { userId: 'u1', start: shifts[1]!.start, end: shifts[1]!.end, reason: '换班' },
    ]);
  });
  it('gives a person the same colour every time', () => {
    expect(personColor('u1')).toBe(personColor('u1'));
    expect(personColor('u1')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('inbound samples', () => {
  it('sets values at dotted paths and JSON pointers', () => {
    const body: Record<string, unknown> = {};
    setAtPath(body, 'data.title', 'a');
    setAtPath(body, '/data/a~1b', 'b');
    setAtPath(body, '$.level', 'c');
    expect(body).toEqual({ data: { title: 'a', 'a/b': 'b' }, level: 'c' });
  });
  it('builds a webhook body the mapping reads, nested under the alerts array when there is one', () => {
    const mapping = GenericWebhookMapping.parse({ alerts: 'payload.items', title: 'name', severity: 'level' });
    expect(webhookSample(mapping)).toEqual({ payload: { items: [{ name: 'HIS 数据库连接数过高', level: 'critical' }] } });
  });
  it('writes a curl call with the token as a placeholder and quotes escaped', () => {
    const curl = curlCommand('https://yiwei.example.cn/api/alerts/inbound/x', { title: "it's" }, '<API 令牌>');
    expect(curl).toContain("Authorization: Bearer <API 令牌>");
    expect(curl).toContain(`it'\\''s`);
    expect(samplePayload('zabbix')).toMatchObject({ version: 1, status: 'PROBLEM' });
  });
  it('makes a server-relative endpoint absolute', () => {
    expect(absoluteUrl('https://yiwei.example.cn/', '/api/alerts/inbound/1')).toBe('https://yiwei.example.cn/api/alerts/inbound/1');
    expect(absoluteUrl('https://a', 'https://b/x')).toBe('https://b/x');
  });
});

describe('channel forms', () => {
  it('offers the schema defaults and enum values of a kind', () => {
    expect(configDefaults('wecom')).toMatchObject({ format: 'markdown', mentionAll: false });
    expect(enumOptions('email', 'security')).toEqual(['tls', 'starttls', 'none']);
    expect(enumOptions('feishu', 'format')).toEqual(['interactive', 'post', 'text']);
  });
  it('keeps stored keys the form does not show, turns rows into maps and drops blank scalars', () => {
    const config = formToConfig('webhook', { url: ' https://hook.example.cn/x ', headers: [{ key: 'X-A', value: '1' }, { key: ' ', value: 'skip' }] }, { rateLimitPerMinute: 10 });
    expect(config).toEqual({ rateLimitPerMinute: 10, url: 'https://hook.example.cn/x', headers: { 'X-A': '1' } });
    expect(formToConfig('dingtalk', { keyword: '' }, { keyword: 'old' })).not.toHaveProperty('keyword');
  });
  it('sends only filled secrets and checks them with the kind’s schema', () => {
    expect(formToSecrets('dingtalk', { accessToken: ' abc ', signSecret: '' })).toEqual({ accessToken: 'abc' });
    expect(formToSecrets('wecom', {})).toBeUndefined();
    const issues = channelIssues('dingtalk', formToConfig('dingtalk', configDefaults('dingtalk')), { accessToken: 'abc', signSecret: 'nope' });
    expect(issues.map((i) => i.name)).toEqual([['secrets', 'signSecret']]);
  });
});

describe('configuration form values', () => {
  it('turns a new route into a valid create body and maps condition issues back to the form', () => {
    const v = { ...newRouteValues(ORG, 10), name: '核心系统', severities: ['P1' as const], time: 'business_hours' as const };
    expect(AlertRouteInput.safeParse(toRouteInput(v)).success).toBe(true);
    expect(routeFieldOf(['conditions', 'matchers', 0, 'value'])).toEqual(['matchers', 0, 'value']);
    expect(routeFieldOf(['channelIds', 1])).toEqual(['channelIds', 1]);
  });
  it('sends only the chosen kind of each escalation target', () => {
    const v = newEscalationValues(ORG);
    v.name = '标准升级';
    v.steps = [{ delayMinutes: 5, targets: [{ kind: 'channel', channelId: ORG, userId: 'stale', via: [ORG] }] }];
    const input = toEscalationInput(v);
    expect(input.steps[0]?.targets[0]).toEqual({ kind: 'channel', channelId: ORG });
    expect(EscalationPolicyInput.safeParse(input).success).toBe(true);
  });
  it('turns a new schedule into a valid create body and maps layer issues back to the form', () => {
    const v = newScheduleValues(ORG, '第 1 层');
    v.name = '信息科值班';
    v.layers[0]!.participants = ['u1', 'u2'];
    expect(OnCallScheduleInput.safeParse(toScheduleInput(v, [])).success).toBe(true);
    expect(scheduleFieldOf(['rules', 'layers', 0, 'handoffWeekday'])).toEqual(['layers', 0, 'handoffWeekday']);
    expect(scheduleFieldOf(['rules', 'layers', 1, 'restriction', 'ranges', 0, 'start'])).toEqual(['layers', 1, 'ranges', 0, 'start']);
  });
  it('builds each integration kind’s config from the form', () => {
    const v = newIntegrationValues(ORG);
    v.name = 'Prometheus';
    expect(AlertIntegrationInput.safeParse({ orgId: ORG, name: v.name, config: toIntegrationConfig(v) }).success).toBe(true);
    v.kind = 'webhook';
    v.webhook = { ...v.webhook, title: 'data.title', description: ' ', severityMap: [{ key: 'CRIT', value: 'P1' }] };
    const config = toIntegrationConfig(v);
    expect(config).toMatchObject({ kind: 'webhook', options: { title: 'data.title', severityMap: { CRIT: 'P1' } } });
    expect(config.kind === 'webhook' && 'description' in config.options).toBe(false);
    expect(integrationFieldOf('webhook', ['config', 'options', 'title'])).toEqual(['webhook', 'title']);
    expect(rowsToRecord([{ key: 'a', value: undefined }])).toEqual({ a: '' });
  });
});
