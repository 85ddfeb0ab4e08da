export { auditRoutes } from './audit-events.routes.ts';
export { createAuditEventService, presentAuditEvent, type AuditEventService } from './audit-events.service.ts';
