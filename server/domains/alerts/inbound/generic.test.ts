import { describe, expect, it } from 'vitest';
import { InboundAlert } from '../../../../shared/schemas/alerts-inbound.ts';
import { AppError } from '../../../platform/errors.ts';
import { normaliseGenericWebhook, readPath } from './generic.ts';
import { vendorWebhook } from './inbound.fixtures.ts';

const receivedAt = new Date('2026-10-01T00:45:00Z');
const vendorMapping = {
  alerts: 'data.events',
  title: 'subject',
  description: 'detail',
  status: 'state',
  statusMap: { ALARM: 'firing', RECOVER: 'resolved' },
  severity: 'level',
  severityMap: { CRITICAL: 'P1', MINOR: 'P3' },
  dedupKey: 'id',
  labels: 'tags',
  startsAt: 'time',
  endsAt: 'end',
  assetHint: '/device/ip',
};

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('readPath', () => {
  const doc = { a: { 'b.c': [10, { d: 'x' }], 'e/f': { '~g': 1 } } };
  it('reads dotted paths with array indexes', () => {
    expect(readPath(doc, 'a.b.c')).toEqual({ found: false });
    expect(readPath({ a: { b: [1, { c: 'y' }] } }, 'a.b.1.c')).toEqual({ found: true, value: 'y' });
  });
  it('reads JSON pointers with ~0 and ~1 escapes', () => {
    expect(readPath(doc, '/a/b.c/1/d')).toEqual({ found: true, value: 'x' });
    expect(readPath(doc, '/a/e~1f/~0g')).toEqual({ found: true, value: 1 });
    expect(readPath(doc, '/a/b.c/2')).toEqual({ found: false });
  });
  it('does not walk into inherited properties', () => {
    expect(readPath({}, 'constructor')).toEqual({ found: false });
    expect(readPath({ a: 'text' }, 'a.length')).toEqual({ found: false });
  });
});

describe('normaliseGenericWebhook', () => {
  it('maps each item of a vendor body through the configured paths and value maps', () => {
    const alerts = normaliseGenericWebhook(vendorWebhook, vendorMapping, { receivedAt });
    expect(alerts).toHaveLength(2);
    for (const a of alerts) InboundAlert.strict().parse(a);
    expect(alerts[0]).toEqual({
      source: 'webhook',
      dedupKey: 'EV-20261001-0007',
      status: 'firing',
      severity: 'P1',
      title: '机房 UPS 市电中断',
      description: 'UPS-2 切换到电池供电',
      labels: { load: '42', rack: 'A05', room: '3F-机房', vendor: 'APC' },
      startsAt: new Date(1791160200 * 1000).toISOString(),
      endsAt: null,
      url: null,
      orgHint: null,
      assetHint: '10.12.0.9',
    });
    expect(alerts[1]).toMatchObject({ status: 'resolved', severity: 'P3', startsAt: '2026-10-01T00:35:00.000Z', endsAt: '2026-10-01T00:41:00.000Z' });
  });

  it('treats a single object body as one alert and uses defaults for what is not mapped', () => {
    const [a] = normaliseGenericWebhook({ msg: { text: 'HIS 挂号接口超时' } }, { title: 'msg.text' }, { receivedAt });
    expect(a).toMatchObject({ status: 'firing', severity: 'P3', startsAt: receivedAt.toISOString(), labels: {} });
    expect(a!.dedupKey).toMatch(/^webhook:[0-9a-f]{16}$/);
  });

  it('derives a stable dedup key from title and labels when none is mapped', () => {
    const mapping = { title: 'title', labels: 'labels' };
    const one = normaliseGenericWebhook({ title: 'T', labels: { a: '1', b: '2' } }, mapping, { receivedAt });
    const two = normaliseGenericWebhook({ labels: { b: '2', a: '1' }, title: 'T' }, mapping, { receivedAt });
    const other = normaliseGenericWebhook({ title: 'T', labels: { a: '1', b: '3' } }, mapping, { receivedAt });
    expect(one[0]!.dedupKey).toBe(two[0]!.dedupKey);
    expect(other[0]!.dedupKey).not.toBe(one[0]!.dedupKey);
  });

  it('understands common status words and Chinese fault levels without a map', () => {
    const body = [
      { t: 'a', s: 'OK', l: '一级' },
      { t: 'b', s: 'problem', l: 'warning' },
      { t: 'c', s: 'Resolved', l: 'p2' },
    ];
    const alerts = normaliseGenericWebhook(body, { title: 't', status: 's', severity: 'l' }, { receivedAt });
    expect(alerts.map((a) => [a.status, a.severity])).toEqual([
      ['resolved', 'P1'],
      ['firing', 'P3'],
      ['resolved', 'P2'],
    ]);
    expect(alerts[0]!.endsAt).toBe(receivedAt.toISOString());
  });

  it('reports every bad item and path at once', () => {
    const body = { data: { events: [{ subject: '', state: 'ALARM' }, { subject: 'x', state: 'MAYBE', time: 'soon', tags: ['a'] }] } };
    const err = errorOf(() => normaliseGenericWebhook(body, vendorMapping, { receivedAt }));
    expect(err.code).toBe('alert_inbound.invalid_payload');
    expect((err.details as Array<{ path: string }>).map((d) => d.path)).toEqual([
      'data.events.0 → subject',
      'data.events.1 → state',
      'data.events.1 → tags',
      'data.events.1 → time',
    ]);
    expect(err.message).toContain('unknown status "MAYBE"');
  });

  it('rejects a body without the alerts array and a title that is an object', () => {
    expect(errorOf(() => normaliseGenericWebhook({ data: {} }, vendorMapping, { receivedAt })).message).toContain('data.events: expected an array');
    expect(errorOf(() => normaliseGenericWebhook({ title: { zh: 'x' } }, { title: 'title' }, { receivedAt })).message).toContain('title');
  });

  it('rejects a bad mapping with its own code', () => {
    const err = errorOf(() => normaliseGenericWebhook({}, { title: '', severityMap: { X: 'P9' } }, { receivedAt }));
    expect(err.code).toBe('alert_inbound.invalid_mapping');
    expect(err.message).toContain('severityMap.X');
  });
});
