import { z } from 'zod';
import { DegradedAboveMs, HttpHeaders, PemText } from './network-target.ts';

export const HttpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export type HttpMethod = z.infer<typeof HttpMethod>;

/** An http(s) URL without user:password; credentials belong in the sealed secret headers. */
export const ProbeUrl = z.url({ protocol: /^https?$/ }).max(2_000)
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'put credentials in secret headers, not in the URL');

/** Comma-separated codes and ranges, e.g. "200-299,301". */
export const StatusCodeList = z.string().trim().max(200)
  .regex(/^[1-5]\d\d(\s*-\s*[1-5]\d\d)?(\s*,\s*[1-5]\d\d(\s*-\s*[1-5]\d\d)?)*$/, 'codes and ranges, e.g. 200-299,301');

/** The JSONPath subset the runner understands: $.a.b[0].c and $['key with spaces']. */
export const JSON_PATH_PATTERN = /^\$(\.[A-Za-z_$][\w$-]*|\[\d{1,6}\]|\['[^'\\]*'\]|\["[^"\\]*"\])*$/;

export const JsonPathAssertion = z.object({
  path: z.string().trim().max(300).regex(JSON_PATH_PATTERN, 'a path like $.data.items[0].status').describe('JSONPath: $.a.b[0].c'),
  op: z.enum(['equals', 'contains', 'exists']).default('equals'),
  value: z.string().max(1_000).default('').describe('Compared as text; ignored for exists'),
});
export type JsonPathAssertion = z.infer<typeof JsonPathAssertion>;

const compilableRegex = z.string().min(1).max(500).refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** Options shared by every kind that speaks HTTP (http, fhir). */
export const HttpTransportFields = {
  headers: HttpHeaders.default({}).describe('Request headers; put tokens in the secret headers instead'),
  ignoreTls: z.boolean().default(false).describe('Accept untrusted or mismatched HTTPS certificates'),
  caPem: PemText.optional().describe('Trust these CA certificates (PEM) instead of the public roots'),
  clientCertPem: PemText.optional().describe('Client certificate (PEM); its private key goes in the secrets'),
  degradedAboveMs: DegradedAboveMs,
};

/** HTTP(S) request with status, body and latency expectations. */
export const HttpProbeConfig = z.object({
  url: ProbeUrl,
  method: HttpMethod.default('GET'),
  body: z.string().max(64_000).optional().describe('Request body, sent as is'),
  expectedStatus: StatusCodeList.default('200-399'),
  keyword: z.string().min(1).max(500).optional().describe('Text searched for in the first 1 MiB of the body'),
  keywordMode: z.enum(['present', 'absent']).default('present'),
  regex: compilableRegex.optional().describe('JavaScript regular expression the body must match'),
  jsonPath: JsonPathAssertion.optional(),
  maxRedirects: z.number().int().min(0).max(20).default(5).describe('0 = do not follow; the 3xx itself is then checked'),
  ...HttpTransportFields,
});
export type HttpProbeConfig = z.infer<typeof HttpProbeConfig>;

/** Sealed values: the client key and headers such as Authorization. */
export const HttpProbeSecrets = z.object({
  clientKeyPem: z.string().max(64_000).optional(),
  clientKeyPassphrase: z.string().max(1_000).optional(),
  headers: HttpHeaders.default({}),
});
export type HttpProbeSecrets = z.infer<typeof HttpProbeSecrets>;
