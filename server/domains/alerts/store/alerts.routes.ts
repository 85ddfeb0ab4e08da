import { z } from 'zod';
import {
  Alert,
  AlertBulkActionInput,
  AlertBulkActionResult,
  AlertCommentInput,
  AlertEvent,
  AlertGroupPage,
  AlertListQuery,
  AlertPage,
  AlertRaiseInput,
  AlertSummary,
  InboundResult,
  InboxPage,
  InboxQuery,
  InboxReadInput,
} from '../../../../shared/schemas/alerts.ts';
import { IdParam } from '../../../../shared/schemas/common.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { AlertService } from './alerts.service.ts';
import type { InboundService } from './inbound.service.ts';
import type { InboxService } from './inbox.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const AckTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{10,40}$/) });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const SEVERITY_WORDS: Record<string, string> = { P1: '一级', P2: '二级', P3: '三级', P4: '四级' };
const STATUS_WORDS: Record<string, string> = { firing: '告警中 (firing)', acknowledged: '已确认 (acknowledged)', resolved: '已解决 (resolved)' };

/** The small page an ack link opens on a phone: no login, no scripts, one button. */
function ackPage(alert: Alert | null, opts: { token?: string; done?: boolean; changed?: boolean }): string {
  const body = !alert
    ? '<h1>链接无效或已过期</h1><p>This link is invalid or has expired. Log in to yiwei to acknowledge the alert.</p>'
    : `<h1>【${SEVERITY_WORDS[alert.severity] ?? alert.severity}】${escapeHtml(alert.title)}</h1>
<p>${escapeHtml(alert.orgName)}${alert.assetName ? ` · ${escapeHtml(alert.assetName)}` : ''}</p>
<p>状态 Status: <b>${STATUS_WORDS[alert.status] ?? alert.status}</b></p>
${opts.done ? `<p>${opts.changed ? '已确认，升级通知已停止。Acknowledged; escalation stopped.' : '无需确认：告警已被确认或已解决。Nothing to do: already acknowledged or resolved.'}</p>` : ''}
${!opts.done && alert.status === 'firing' && opts.token ? `<form method="post"><button type="submit">确认告警 Acknowledge</button></form>` : ''}
<p><a href="/alerts/${alert.id}">在平台中查看 Open in yiwei</a></p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>yiwei 告警</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:560px}button{font-size:18px;padding:12px 24px;background:#1677ff;color:#fff;border:0;border-radius:6px}</style></head><body>${body}</body></html>`;
}

function html(markup: string, status = 200): Response {
  return new Response(markup, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" } });
}

/** The alert center's API, inbound webhooks, the ack link, and each person's in-app notifications. */
export function alertRoutes(alerts: AlertService, inbound: InboundService, inbox: InboxService) {
  return defineRoutes('alerts')
    .get('/alerts', { summary: 'Alerts in scope (active by default), filtered and paged', permission: 'alert.read', query: AlertListQuery, response: AlertPage, tenancy: { list: 'alert' } }, ({ actor, query }) => alerts.list(actor, query))
    .get('/alerts/summary', { summary: 'Open alerts per severity, acknowledged and suppressed', permission: 'alert.read', query: z.object({ orgId: z.uuid().optional() }), response: AlertSummary, tenancy: { list: 'alert' } }, ({ actor, query }) =>
      alerts.summary(actor, query.orgId),
    )
    .get('/alerts/groups', { summary: 'Open alerts grouped by organisation and system', permission: 'alert.read', query: AlertListQuery, response: AlertGroupPage, tenancy: { list: 'alert' } }, ({ actor, query }) => alerts.groups(actor, query))
    .post(
      '/alerts',
      {
        summary: 'Raise or resolve an alert in yiwei’s own format (repeats of a dedup key update one alert)',
        permission: 'alert.respond',
        body: AlertRaiseInput,
        response: Alert,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, dedupKey: 'his-db-backup', severity: 'P2', title: 'HIS 数据库备份失败', summary: '昨晚 02:00 的全量备份未完成' },
      },
      ({ actor, body }) => alerts.raise(actor, body),
    )
    .post('/alerts/acknowledge', { summary: 'Acknowledge firing alerts (escalation stops)', permission: 'alert.respond', body: AlertBulkActionInput, response: AlertBulkActionResult, tenancy: { none: 'ids outside the scope are counted as unchanged and left alone' } }, ({ actor, body }) =>
      alerts.acknowledge(actor, body.ids, body.comment),
    )
    .post('/alerts/unacknowledge', { summary: 'Put acknowledged alerts back to firing (escalation resumes)', permission: 'alert.respond', body: AlertBulkActionInput, response: AlertBulkActionResult, tenancy: { none: 'ids outside the scope are counted as unchanged and left alone' } }, ({ actor, body }) =>
      alerts.unacknowledge(actor, body.ids),
    )
    .post('/alerts/resolve', { summary: 'Resolve open alerts by hand', permission: 'alert.respond', body: AlertBulkActionInput, response: AlertBulkActionResult, tenancy: { none: 'ids outside the scope are counted as unchanged and left alone' } }, ({ actor, body }) =>
      alerts.resolve(actor, body.ids, body.comment),
    )
    .get('/alerts/:id', { summary: 'One alert', permission: 'alert.read', params: IdParam, response: Alert, tenancy: { object: 'alert' } }, ({ actor, params }) => alerts.get(actor, params.id))
    .get('/alerts/:id/events', { summary: 'The timeline of an alert', permission: 'alert.read', params: IdParam, response: z.object({ items: z.array(AlertEvent) }), tenancy: { object: 'alert' } }, ({ actor, params }) => alerts.events(actor, params.id))
    .post('/alerts/:id/comments', { summary: 'Comment on an alert', permission: 'alert.respond', params: IdParam, body: AlertCommentInput, response: AlertEvent, status: 201, tenancy: { object: 'alert' }, example: { text: '已联系厂商' } }, ({ actor, params, body }) =>
      alerts.comment(actor, params.id, body.text),
    )
    .post(
      '/alerts/inbound/:id',
      {
        summary: 'Receive alerts from Alertmanager, Zabbix or a JSON webhook (API token with alert.ingest)',
        permission: 'alert.ingest',
        params: IdParam,
        body: z.unknown(),
        response: InboundResult,
        tenancy: { object: 'alert_integration' },
      },
      ({ actor, params, body }) => inbound.receive(actor, params.id, body),
    )
    .get('/alerts/ack/:token', { summary: 'The page behind an acknowledge link in a message', auth: 'public', params: AckTokenParam, produces: 'text/html', tenancy: { none: 'the signed token names one alert' } }, async ({ params }) => {
      const found = await alerts.byAckToken(params.token);
      return html(ackPage(found?.alert ?? null, { token: params.token }), found ? 200 : 404);
    })
    .post('/alerts/ack/:token', { summary: 'Acknowledge through the link in a message', auth: 'public', params: AckTokenParam, produces: 'text/html', tenancy: { none: 'the signed token names one alert' } }, async ({ params, c }) => {
      const done = await alerts.acknowledgeByToken(params.token, { ip: c.get('ip') ?? null, userAgent: c.req.header('user-agent') ?? null });
      return html(ackPage(done?.alert ?? null, { done: true, changed: done?.changed ?? false }), done ? 200 : 404);
    })
    .get('/inbox', { summary: 'My in-app notifications, newest first', permission: 'alert.read', query: InboxQuery, response: InboxPage, tenancy: { none: 'a person sees only their own' } }, ({ actor, query }) => inbox.list(actor, query))
    .post('/inbox/read', { summary: 'Mark my in-app notifications read', permission: 'alert.read', body: InboxReadInput, response: z.object({ read: z.number().int() }), tenancy: { none: 'a person changes only their own' } }, ({ actor, body }) => inbox.markRead(actor, body));
}
