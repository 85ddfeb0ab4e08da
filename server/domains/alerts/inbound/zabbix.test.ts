import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InboundAlert } from '../../../../shared/schemas/alerts-inbound.ts';
import { AppError } from '../../../platform/errors.ts';
import { zabbixProblemParams, zabbixRecoveryParams } from './inbound.fixtures.ts';
import { normaliseZabbix } from './zabbix.ts';
import { MEDIA_TYPE_SCRIPT as SCRIPT, runMediaType } from './zabbix-media-type.fixture.ts';

const YAML = readFileSync(new URL('../../../../integrations/zabbix/yiwei-media-type.yaml', import.meta.url), 'utf8');
const receivedAt = new Date('2026-10-01T00:30:06Z');

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('yiwei Zabbix media type script', () => {
  it('posts the problem with a bearer token from {ALERT.SENDTO}', () => {
    const [call] = runMediaType(zabbixProblemParams);
    expect(call!.url).toBe('https://yiwei.example.cn/api/alerts/inbound/zabbix');
    expect(call!.headers).toEqual(['Content-Type: application/json', 'Authorization: Bearer yw_test_token_123']);
    expect(call!.body).toEqual({
      version: 1,
      eventId: '4711',
      recoveryEventId: null,
      triggerId: '23001',
      status: 'PROBLEM',
      severity: 4,
      name: 'LIS 接口服务 lis-gw-01 端口 8080 不可用',
      opdata: 'net.tcp.service[tcp,,8080]: 0',
      description: '检验系统 HL7 网关端口无响应',
      host: 'lis-gw-01',
      hostName: 'LIS 网关 01',
      hostIp: '10.12.8.15',
      tags: [
        { tag: 'scope', value: 'availability' },
        { tag: 'service', value: 'LIS' },
        { tag: 'service', value: 'HL7' },
        { tag: 'org', value: 'SZRMYY' },
      ],
      startedAt: '2026-10-01T08:30:05+08:00',
      resolvedAt: null,
      update: null,
      url: 'https://zabbix.his.local/tr_events.php?triggerid=23001&eventid=4711',
    });
  });

  it('marks a recovery RESOLVED, keeping the problem event id and adding the recovery id', () => {
    const [call] = runMediaType(zabbixRecoveryParams);
    expect(call!.body).toMatchObject({ eventId: '4711', recoveryEventId: '4790', status: 'RESOLVED', resolvedAt: '2026-10-01T08:42:31+08:00' });
  });

  it('marks an acknowledgement UPDATE with its action and message', () => {
    const [call] = runMediaType({ ...zabbixProblemParams, event_update_status: '1', event_update_action: 'acknowledged', event_update_message: '信息科已到场' });
    expect(call!.body).toMatchObject({ status: 'UPDATE', update: { action: 'acknowledged', message: '信息科已到场' } });
  });

  it('throws on a non-2xx answer so Zabbix retries and logs it', () => {
    expect(() => runMediaType(zabbixProblemParams, { status: 401, body: '{"error":{"code":"auth.required"}}' })).toThrow(/HTTP 401/);
  });

  it('refuses to send without a token, a URL or a trigger event', () => {
    expect(() => runMediaType({ ...zabbixProblemParams, token: '{ALERT.SENDTO}' })).toThrow(/Send to/);
    expect(() => runMediaType({ ...zabbixProblemParams, yiwei_url: '' })).toThrow(/yiwei_url/);
    expect(() => runMediaType({ ...zabbixProblemParams, event_source: '1' })).toThrow(/Only trigger events/);
  });

  it('is embedded unchanged in the Zabbix 6.0 import file, with every parameter it reads declared there', () => {
    const block = /\n {6}script: \|\n([\s\S]*?)\n {6}timeout:/.exec(YAML);
    const embedded = block![1]!.split('\n').map((l) => l.slice(8)).join('\n');
    expect(embedded).toBe(SCRIPT.replace(/\n$/, ''));
    const declared = new Set([...YAML.matchAll(/^ {10}name: (\w+)$/gm)].map((m) => m[1]));
    const used = new Set([...SCRIPT.matchAll(/params\.(\w+)/g)].map((m) => m[1]));
    used.delete('trigger_name'); // optional: only a fallback for the name
    for (const p of used) expect(declared, p).toContain(p);
    expect(YAML).toContain("name: token\n          value: '{ALERT.SENDTO}'");
    expect(YAML).toContain("name: event_id\n          value: '{EVENT.ID}'");
  });
});

describe('normaliseZabbix', () => {
  it('normalises what the script posts for a problem', () => {
    const [call] = runMediaType(zabbixProblemParams);
    const alert = normaliseZabbix(call!.body, { receivedAt });
    InboundAlert.strict().parse(alert);
    expect(alert).toEqual({
      source: 'zabbix',
      dedupKey: 'zabbix:4711',
      status: 'firing',
      severity: 'P1',
      title: 'LIS 接口服务 lis-gw-01 端口 8080 不可用',
      description: 'net.tcp.service[tcp,,8080]: 0\n检验系统 HL7 网关端口无响应\nHost: LIS 网关 01 / 10.12.8.15',
      labels: { host: 'lis-gw-01', org: 'SZRMYY', scope: 'availability', service: 'LIS, HL7' },
      startsAt: '2026-10-01T00:30:05.000Z',
      endsAt: null,
      url: 'https://zabbix.his.local/tr_events.php?triggerid=23001&eventid=4711',
      orgHint: 'SZRMYY',
      assetHint: 'lis-gw-01',
    });
  });

  it('pairs the recovery with its problem through the dedup key', () => {
    const problem = normaliseZabbix(runMediaType(zabbixProblemParams)[0]!.body, { receivedAt });
    const recovery = normaliseZabbix(runMediaType(zabbixRecoveryParams)[0]!.body, { receivedAt });
    expect(recovery.dedupKey).toBe(problem.dedupKey);
    expect(recovery).toMatchObject({ status: 'resolved', endsAt: '2026-10-01T00:42:31.000Z', startsAt: problem.startsAt });
  });

  it('maps Zabbix severities 0–5 to P4 P4 P3 P2 P1 P1', () => {
    const [call] = runMediaType(zabbixProblemParams);
    const levels = [0, 1, 2, 3, 4, 5].map((s) => normaliseZabbix({ ...(call!.body as object), severity: s }, { receivedAt }).severity);
    expect(levels).toEqual(['P4', 'P4', 'P3', 'P2', 'P1', 'P1']);
    expect(normaliseZabbix({ ...(call!.body as object), severity: '3' }, { receivedAt }).severity).toBe('P2');
  });

  it('keeps an update firing and falls back to the receive time when the macros were empty', () => {
    const [call] = runMediaType({ ...zabbixProblemParams, event_update_status: '1', event_date: '', event_time: '', event_update_action: 'changed severity' });
    const alert = normaliseZabbix(call!.body, { receivedAt });
    expect(alert.status).toBe('firing');
    expect(alert.startsAt).toBe(receivedAt.toISOString());
    expect(alert.description).toContain('Update: changed severity');
  });

  it('rejects a malformed body with the bad paths named', () => {
    const [call] = runMediaType(zabbixProblemParams);
    const err = errorOf(() => normaliseZabbix({ ...(call!.body as object), eventId: 'abc', severity: 9, status: 'OK', tags: 'x' }, { receivedAt }));
    expect(err.code).toBe('alert_inbound.invalid_payload');
    expect((err.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['eventId', 'severity', 'status', 'tags']);
    expect(errorOf(() => normaliseZabbix({ version: 2 }, { receivedAt })).message).toContain('version');
    expect(errorOf(() => normaliseZabbix([], { receivedAt })).code).toBe('alert_inbound.invalid_payload');
  });
});
