import { api, apiUrl, parse } from '../../app/api.ts';
import { Page } from '../../../shared/schemas/common.ts';
import { AuditEvent, AuditPolicy, AuditVerifyResult } from '../../../shared/schemas/audit.ts';
import type { z } from 'zod';

export const auditEventsKey = ['audit-events'] as const;
export const auditPolicyKey = ['audit-policy'] as const;

const AuditPage = Page(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;

/** The filters of the audit log, as sent in the query string (instants are ISO with offset). */
export type AuditFilters = {
  from?: string;
  to?: string;
  eventType?: string;
  actor?: string;
  result?: 'success' | 'failure';
  objectId?: string;
};

export async function listAuditEvents(query: AuditFilters & { page: number; pageSize: number }): Promise<AuditPage> {
  return parse(AuditPage, await api.get('/api/audit-events', query));
}

/** A plain link: the browser downloads the CSV with the session cookie, no JavaScript in between. */
export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl('/api/audit-events/export', filters);
}

export async function verifyAuditChain(): Promise<AuditVerifyResult> {
  return parse(AuditVerifyResult, await api.post('/api/audit-events/verify'));
}

export async function fetchAuditPolicy(): Promise<AuditPolicy> {
  return parse(AuditPolicy, await api.get('/api/audit-policy'));
}

export async function saveAuditPolicy(input: AuditPolicy): Promise<AuditPolicy> {
  return parse(AuditPolicy, await api.put('/api/audit-policy', input));
}
