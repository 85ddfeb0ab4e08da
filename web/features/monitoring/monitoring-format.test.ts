import { describe, expect, it } from 'vitest';
import { agentCommand, formatAvailability, formatDuration, formatLatency, formatSkew, groupBy, heartbeatUrl, isSkewWarning, periodRange, probeTarget, sparklinePaths, timelineSegments } from './monitoring-format.ts';
import { buildSecrets, configIssues, mergeConfig, splitConfig } from './probe-kinds.ts';
import { kindDefaults, toUpdateInput, newProbeValues } from './probe-form-values.ts';

const ZH = { d: '天', h: '小时', m: '分', s: '秒', sep: ' ' };
const EN = { d: 'd', h: 'h', m: 'min', s: 's', sep: ' ' };

describe('formatDuration', () => {
  it('shows the two largest parts in Chinese', () => {
    expect(formatDuration(7500, ZH)).toBe('2 小时 5 分');
    expect(formatDuration(90_061, ZH)).toBe('1 天 1 小时');
    expect(formatDuration(42, ZH)).toBe('42 秒');
    expect(formatDuration(0, ZH)).toBe('0 秒');
  });
  it('skips zero parts and keeps the sign of a spent budget', () => {
    expect(formatDuration(86_400 + 30, EN)).toBe('1 d 30 s');
    expect(formatDuration(-3_600, EN)).toBe('-1 h');
    expect(formatDuration(3_725, EN, 1)).toBe('1 h');
  });
});

describe('formatAvailability', () => {
  it('keeps enough digits to tell targets apart and never rounds up to 100', () => {
    expect(formatAvailability(99.95)).toBe('99.95 %');
    expect(formatAvailability(100)).toBe('100 %');
    expect(formatAvailability(99.99996)).toBe('99.9999 %');
    expect(formatAvailability(97.5)).toBe('97.5 %');
    expect(formatAvailability(null)).toBe('—');
  });
});

describe('formatLatency and skew', () => {
  it('formats milliseconds by size', () => {
    expect(formatLatency(3.456)).toBe('3.5 ms');
    expect(formatLatency(1234)).toBe('1,234 ms');
    expect(formatLatency(15_000)).toBe('15.0 s');
    expect(formatLatency(null)).toBe('—');
  });
  it('warns past 5 s of clock skew either way', () => {
    expect(isSkewWarning(5_001)).toBe(true);
    expect(isSkewWarning(-6_000)).toBe(true);
    expect(isSkewWarning(4_999)).toBe(false);
    expect(isSkewWarning(null)).toBe(false);
    expect(formatSkew(1234)).toBe('+1.2 s');
    expect(formatSkew(-40)).toBe('-40 ms');
  });
});

describe('periodRange', () => {
  it('ends at the next full minute so renders within a minute share a cache key', () => {
    const r = periodRange('6h', Date.parse('2026-11-22T08:00:30Z'));
    expect(r.to).toBe('2026-11-22T08:01:00.000Z');
    expect(r.from).toBe('2026-11-22T02:01:00.000Z');
  });
});

describe('sparklinePaths', () => {
  it('breaks the line where nothing was measured', () => {
    const runs = sparklinePaths([10, 20, null, 20, 10], 100, 20);
    expect(runs).toHaveLength(2);
    expect(runs[0]?.split(' ')).toHaveLength(2);
  });
  it('draws nothing without data', () => {
    expect(sparklinePaths([null, null], 100, 20)).toEqual([]);
  });
});

describe('timelineSegments', () => {
  const from = Date.parse('2026-11-22T00:00:00Z');
  const to = Date.parse('2026-11-22T10:00:00Z');
  it('starts with the state before the first change and ends with the last one', () => {
    const segments = timelineSegments(
      [
        { fromState: 'down', toState: 'up', changedAt: '2026-11-22T06:00:00Z' },
        { fromState: 'up', toState: 'down', changedAt: '2026-11-22T04:00:00Z' },
      ],
      from,
      to,
      'up',
    );
    expect(segments.map((s) => s.state)).toEqual(['up', 'down', 'up']);
    expect(segments[1]).toMatchObject({ startMs: Date.parse('2026-11-22T04:00:00Z'), endMs: Date.parse('2026-11-22T06:00:00Z') });
  });
  it('uses the current state when nothing changed', () => {
    expect(timelineSegments([], from, to, 'paused')).toEqual([{ state: 'paused', startMs: from, endMs: to }]);
  });
});

describe('small helpers', () => {
  it('groups in first-seen order', () => {
    expect(groupBy([{ o: 'a' }, { o: 'b' }, { o: 'a' }], (x) => x.o).map((g) => [g.key, g.items.length])).toEqual([['a', 2], ['b', 1]]);
  });
  it('names a probe target', () => {
    expect(probeTarget({ kind: 'tcp', config: { host: '10.0.0.5', port: 1521 } })).toBe('10.0.0.5:1521');
    expect(probeTarget({ kind: 'tcp', config: { host: 'fe80::1', port: 22 } })).toBe('[fe80::1]:22');
    expect(probeTarget({ kind: 'http', config: { url: 'https://his.example.org/health' } })).toBe('https://his.example.org/health');
    expect(probeTarget({ kind: 'heartbeat', config: {} })).toBeNull();
  });
  it('builds the heartbeat URL and the agent command', () => {
    expect(heartbeatUrl('https://yiwei.example.org/', '/api/heartbeats/abc')).toBe('https://yiwei.example.org/api/heartbeats/abc');
    expect(agentCommand('https://yiwei.example.org', 'tok')).toBe('yiwei agent --server https://yiwei.example.org --token tok');
  });
});

describe('probe configuration in the form', () => {
  it('lets a hand-written field win over the same key in the JSON', () => {
    const merged = mergeConfig('http', { url: 'https://a.example.org', method: 'GET', keyword: '' }, '{"url":"https://b.example.org","headers":{"Accept":"text/html"},"keyword":"x"}');
    expect(merged).toEqual({ config: { url: 'https://a.example.org', method: 'GET', headers: { Accept: 'text/html' } } });
  });
  it('reports bad JSON and schema issues with their paths', () => {
    expect(mergeConfig('tcp', {}, '{oops')).toHaveProperty('jsonError');
    expect(mergeConfig('tcp', {}, '[1]')).toEqual({ jsonError: 'not a JSON object' });
    const issues = configIssues('http', { url: 'https://a.example.org', jsonPath: { path: 'data.x' } });
    expect(issues.map((i) => i.path)).toEqual(['jsonPath.path']);
    expect(configIssues('tcp', { host: '127.0.0.1', port: 8080 })).toEqual([]);
  });
  it('splits a stored config into fields and the advanced rest', () => {
    expect(splitConfig('http', { url: 'https://a.example.org', headers: { A: '1' } })).toEqual({ fields: { url: 'https://a.example.org' }, advanced: { headers: { A: '1' } } });
  });
  it('puts secrets where the kind keeps them and leaves empty ones out', () => {
    expect(buildSecrets('http', { authorization: 'Bearer t' })).toEqual({ headers: { Authorization: 'Bearer t' } });
    expect(buildSecrets('snmp', { community: 'public', authKey: '' })).toEqual({ community: 'public' });
    expect(buildSecrets('postgres', {})).toBeUndefined();
  });
  it('prefills the schema defaults of a kind', () => {
    expect(kindDefaults('tls')).toMatchObject({ port: 443, warnDays: 30, ignoreVerification: false });
    expect(kindDefaults('postgres')).toMatchObject({ port: 5432, readOnly: true, ssl: 'disable' });
  });
  it('sends secrets on update only when replaced or removed', () => {
    const v = { ...newProbeValues('postgres', '00000000-0000-4000-8000-000000000000'), name: ' DB ' };
    expect(toUpdateInput(v, {}, 'keep', { password: 'x' })).not.toHaveProperty('secrets');
    expect(toUpdateInput(v, {}, 'replace', { password: 'x' }).secrets).toEqual({ password: 'x' });
    expect(toUpdateInput(v, {}, 'remove', undefined).secrets).toBeNull();
    expect(toUpdateInput(v, {}, 'keep', undefined).name).toBe('DB');
  });
});
