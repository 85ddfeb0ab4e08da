import { z } from 'zod';
import { SqlProbeSecrets, sqlProbeFields } from './sql-common.ts';

/** A SQL Server probe: server or named instance, TLS options, query and expectation. */
export const SqlserverProbeConfig = z.object({
  ...sqlProbeFields({ port: 1433, query: 'select 1' }),
  database: z.string().trim().min(1).max(128).optional(),
  /** a named instance (e.g. SQLEXPRESS), found through SQL Browser on UDP 1434; when set, `port` is not used */
  instanceName: z.string().trim().min(1).max(64).optional(),
  /** on: TLS (TDS 7.x); strict: TDS 8, TLS before anything else (SQL Server 2022+) */
  encrypt: z.enum(['off', 'on', 'strict']).default('on'),
  /** accept a self-signed server certificate, as many older hospital installations have */
  trustServerCertificate: z.boolean().default(false),
});
export type SqlserverProbeConfig = z.infer<typeof SqlserverProbeConfig>;

/** The SQL Server login's password (SQL authentication). */
export const SqlserverProbeSecrets = SqlProbeSecrets;
export type SqlserverProbeSecrets = z.infer<typeof SqlserverProbeSecrets>;
