import { describe, expect, it } from 'vitest';
import { InboundAlert } from '../../../../shared/schemas/alerts-inbound.ts';
import { AppError } from '../../../platform/errors.ts';
import { normaliseAlertmanager } from './alertmanager.ts';
import { labelFingerprint } from './inbound-helpers.ts';
import { alertmanagerFiring, alertmanagerResolved } from './inbound.fixtures.ts';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('normaliseAlertmanager', () => {
  it('turns each firing entry into one normalised alert', () => {
    const { alerts, truncatedAlerts, receiver } = normaliseAlertmanager(alertmanagerFiring);
    expect(receiver).toBe('yiwei');
    expect(truncatedAlerts).toBe(0);
    expect(alerts).toHaveLength(2);
    for (const a of alerts) InboundAlert.strict().parse(a);
    expect(alerts[0]).toEqual({
      source: 'alertmanager',
      dedupKey: '3020334a11698fa6',
      status: 'firing',
      severity: 'P1',
      title: 'HIS 数据库 10.12.3.21 不可达',
      description: 'mysql_up == 0 已持续 1 分钟，门诊挂号与收费将受影响。',
      labels: { alertname: 'HisDatabaseDown', instance: '10.12.3.21:9104', job: 'mysqld', org: 'SZRMYY', severity: 'critical', system: 'HIS' },
      startsAt: '2026-10-01T00:31:07.123Z',
      endsAt: null,
      url: 'http://prometheus.his.local:9090/graph?g0.expr=mysql_up+%3D%3D+0&g0.tab=1',
      orgHint: 'SZRMYY',
      assetHint: '10.12.3.21',
    });
  });

  it('maps warning to P3, converts offsets to UTC and ignores the expiry guess in a firing endsAt', () => {
    const a = normaliseAlertmanager(alertmanagerFiring).alerts[1]!;
    expect(a.severity).toBe('P3');
    expect(a.startsAt).toBe('2026-10-01T00:29:37.500Z');
    expect(a.endsAt).toBeNull();
    expect(a.assetHint).toBe('pacs-store-02');
  });

  it('resolves with the real endsAt and recomputes the fingerprint Alertmanager would have sent', () => {
    const { alerts, truncatedAlerts } = normaliseAlertmanager(alertmanagerResolved);
    expect(truncatedAlerts).toBe(2);
    expect(alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-10-01T00:44:52.987Z', description: '' });
    // Same labels as the firing fixture, which carried fingerprint 3020334a11698fa6: the pair dedups.
    expect(alerts[0]!.dedupKey).toBe('3020334a11698fa6');
  });

  it('computes fingerprints exactly as Prometheus does (its own test vectors)', () => {
    expect(labelFingerprint({})).toBe((14695981039346656037n).toString(16));
    expect(BigInt(`0x${labelFingerprint({ name: 'garland, briggs', fear: 'love is not enough' })}`)).toBe(5799056148416392346n);
    expect(BigInt(`0x${labelFingerprint({ 'first-label': 'first-label-value', 'second-label': 'second-label-value' })}`)).toBe(3195800080984914717n);
  });

  it('takes a configurable severity map over the defaults, case-insensitively', () => {
    const body = structuredClone(alertmanagerFiring);
    body.alerts[1]!.labels.severity = 'WARNING';
    const { alerts } = normaliseAlertmanager(body, { severityMap: { warning: 'P2', critical: 'P1' } });
    expect(alerts[1]!.severity).toBe('P2');
    const unknown = structuredClone(alertmanagerFiring);
    unknown.alerts[0]!.labels.severity = 'page-the-director';
    expect(normaliseAlertmanager(unknown, { defaultSeverity: 'P2' }).alerts[0]!.severity).toBe('P2');
  });

  it('falls back to alertname for the title and handles a bracketed IPv6 instance', () => {
    const body = structuredClone(alertmanagerResolved);
    body.alerts[0]!.annotations.summary = '  ';
    body.alerts[0]!.labels.instance = '[2001:db8::15]:9100';
    const [a] = normaliseAlertmanager(body).alerts;
    expect(a!.title).toBe('HisDatabaseDown');
    expect(a!.assetHint).toBe('2001:db8::15');
  });

  it('accepts an empty alerts list', () => {
    expect(normaliseAlertmanager({ ...alertmanagerFiring, alerts: [] }).alerts).toEqual([]);
  });

  it('rejects a malformed payload with every bad path in the message', () => {
    const body = structuredClone(alertmanagerFiring) as Record<string, unknown>;
    delete body.receiver;
    (body.alerts as Array<Record<string, unknown>>)[1]!.status = 'pending';
    (body.alerts as Array<Record<string, unknown>>)[0]!.labels = 'severity=critical';
    const err = errorOf(() => normaliseAlertmanager(body));
    expect(err.code).toBe('alert_inbound.invalid_payload');
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/^Invalid Alertmanager payload: /);
    expect(err.message).toContain('receiver');
    expect(err.message).toContain('alerts.1.status');
    expect(err.message).toContain('alerts.0.labels');
    expect((err.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['alerts.0.labels', 'alerts.1.status', 'receiver']);
  });

  it('rejects unreadable times, other payload versions and non-objects', () => {
    const badTime = structuredClone(alertmanagerFiring);
    badTime.alerts[1]!.startsAt = 'yesterday';
    expect(errorOf(() => normaliseAlertmanager(badTime)).message).toContain('alerts.1.startsAt');
    expect(errorOf(() => normaliseAlertmanager({ ...alertmanagerFiring, version: '5' })).message).toContain('version');
    expect(errorOf(() => normaliseAlertmanager('not json')).code).toBe('alert_inbound.invalid_payload');
    expect(errorOf(() => normaliseAlertmanager(null)).code).toBe('alert_inbound.invalid_payload');
  });

  it('truncates an oversized title instead of refusing the alert', () => {
    const body = structuredClone(alertmanagerResolved);
    body.alerts[0]!.annotations.summary = '长'.repeat(2_000);
    const [a] = normaliseAlertmanager(body).alerts;
    expect(a!.title).toHaveLength(500);
    expect(a!.title.endsWith('…')).toBe(true);
  });
});
