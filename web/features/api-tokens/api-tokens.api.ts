import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import { ApiToken, ApiTokenCreated, type ApiTokenCreateInput } from '../../../shared/schemas/access.ts';

export const apiTokensKey = ['api-tokens'] as const;
const TokenList = z.object({ items: z.array(ApiToken) });
export type ApiTokenCreatedResult = z.infer<typeof ApiTokenCreated>;

export async function listApiTokens(): Promise<ApiToken[]> {
  return parse(TokenList, await api.get('/api/api-tokens')).items;
}

/** The answer carries the secret once; the server keeps only its SM3 hash. */
export async function createApiToken(input: ApiTokenCreateInput): Promise<ApiTokenCreatedResult> {
  return parse(ApiTokenCreated, await api.post('/api/api-tokens', input));
}

export async function revokeApiToken(id: string): Promise<void> {
  await api.post(`/api/api-tokens/${id}/revoke`);
}
