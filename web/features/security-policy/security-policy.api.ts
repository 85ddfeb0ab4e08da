import { api, parse } from '../../app/api.ts';
import { SecurityPolicy } from '../../../shared/schemas/access.ts';

export const securityPolicyKey = ['security-policy'] as const;

export async function fetchSecurityPolicy(): Promise<SecurityPolicy> {
  return parse(SecurityPolicy, await api.get('/api/security-policy'));
}

/** PUT takes a partial policy; we send the sections the form holds. */
export async function saveSecurityPolicy(input: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
  return parse(SecurityPolicy, await api.put('/api/security-policy', input));
}
