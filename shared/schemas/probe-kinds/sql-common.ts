import { z } from 'zod';
import { DegradedAboveMs, PemText, ProbeHost, ProbePort } from './network-target.ts';

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** What the first column of the first row must satisfy; every given rule must hold. */
export const SqlExpectation = z
  .object({
    /** compared as text, e.g. "1" or "ONLINE" */
    equals: z.string().max(500).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** kept short: the pattern runs on the server against the value */
    regex: z.string().min(1).max(200).refine(compiles, 'not a valid regular expression').optional(),
  })
  .refine((e) => e.equals !== undefined || e.min !== undefined || e.max !== undefined || e.regex !== undefined, {
    message: 'give at least one of equals, min, max or regex',
  })
  .refine((e) => e.min === undefined || e.max === undefined || e.min <= e.max, { message: 'min must not exceed max', path: ['min'] });
export type SqlExpectation = z.infer<typeof SqlExpectation>;

/** TLS to the database: off, encrypted without checking the certificate, or encrypted and verified. */
export const SqlTlsMode = z.enum(['disable', 'require', 'verify']);
export type SqlTlsMode = z.infer<typeof SqlTlsMode>;

/** Fields every database probe kind shares; each kind adds its database name and TLS options. */
export function sqlProbeFields(defaults: { port: number; query: string }) {
  return {
    host: ProbeHost,
    port: ProbePort.default(defaults.port),
    user: z.string().trim().min(1).max(128),
    query: z.string().trim().min(1).max(4_000).default(defaults.query),
    expect: SqlExpectation.optional(),
    /** compared with connect + query time */
    degradedAboveMs: DegradedAboveMs,
  };
}

/** PEM CA bundle for `verify` when the server's certificate is signed by a private (hospital) CA. */
export const SqlCaCert = PemText.optional();

/** The database password; absent for trust or peer authentication. */
export const SqlProbeSecrets = z.object({ password: z.string().max(512).optional() });
export type SqlProbeSecrets = z.infer<typeof SqlProbeSecrets>;
