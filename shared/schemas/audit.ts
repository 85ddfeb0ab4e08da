import { z } from 'zod';

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  orgId: z.uuid().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  sessionRef: z.string().nullable(),
  requestId: z.string().nullable(),
  eventType: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  action: z.string(),
  result: z.enum(['success', 'failure']),
  reason: z.string().nullable(),
  riskLevel: z.enum(['low', 'medium', 'high']),
  detail: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  eventType: z.string().trim().max(80).optional(),
  actor: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  objectId: z.string().trim().max(80).optional(),
  orgId: z.uuid().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  brokenAt: z.object({ seq: z.number().int(), reason: z.enum(['mac_mismatch', 'chain_mismatch', 'missing_rows', 'checkpoint_mismatch']) }).nullable(),
  checkedAt: z.iso.datetime(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditPolicy = z.object({ retentionDays: z.number().int().min(180).max(3650) });
export type AuditPolicy = z.infer<typeof AuditPolicy>;
