import { stream } from 'hono/streaming';
import { AuditEvent, AuditPolicy, AuditQuery, AuditVerifyResult } from '../../../shared/schemas/audit.ts';
import { Page } from '../../../shared/schemas/common.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { AuditEventService } from './audit-events.service.ts';

export function auditRoutes(events: AuditEventService) {
  return defineRoutes('audit')
    .get('/audit-events', { summary: 'Query the audit log (审计管理员)', permission: 'audit.read', query: AuditQuery, response: Page(AuditEvent), tenancy: { list: 'audit_event' } }, ({ actor, query }) => events.list(actor, query))
    .get('/audit-events/export', { summary: 'Export the filtered audit log as CSV', permission: 'audit.export', query: AuditQuery, produces: 'text/csv', tenancy: { list: 'audit_event' } }, async ({ actor, query, c }) => {
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="audit-events-${stamp}.csv"`);
      const chunks = events.exportCsv(actor, query);
      const first = await chunks.next(); // permission and audit failures surface as a normal error answer
      return stream(c, async (s) => {
        if (!first.done) await s.write(first.value);
        for await (const chunk of chunks) await s.write(chunk);
      });
    })
    .post('/audit-events/verify', { summary: 'Check the HMAC-SM3 chain; names the first broken link', permission: 'audit.verify', response: AuditVerifyResult, tenancy: { none: 'the whole chain is one object' } }, ({ actor }) => events.verify(actor))
    .get('/audit-policy', { summary: 'Audit retention policy', permission: 'audit.policy', response: AuditPolicy, tenancy: { none: 'platform policy' } }, ({ actor }) => events.getPolicy(actor))
    .put('/audit-policy', { summary: 'Change audit retention (never below 180 days)', permission: 'audit.policy', body: AuditPolicy, response: AuditPolicy, tenancy: { none: 'platform policy' }, example: { retentionDays: 365 } }, ({ actor, body }) => events.updatePolicy(actor, body));
}
