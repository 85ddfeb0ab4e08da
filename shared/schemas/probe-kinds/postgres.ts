import { z } from 'zod';
import { SqlCaCert, SqlProbeSecrets, SqlTlsMode, sqlProbeFields } from './sql-common.ts';

/** A PostgreSQL probe: where to connect, what to run and what to expect. */
export const PostgresProbeConfig = z.object({
  ...sqlProbeFields({ port: 5432, query: 'select 1' }),
  database: z.string().trim().min(1).max(63).default('postgres'),
  ssl: SqlTlsMode.default('disable'),
  caCert: SqlCaCert,
  /** run the query in a read-only session, so a mistyped probe query cannot change data */
  readOnly: z.boolean().default(true),
});
export type PostgresProbeConfig = z.infer<typeof PostgresProbeConfig>;

/** The PostgreSQL password. */
export const PostgresProbeSecrets = SqlProbeSecrets;
export type PostgresProbeSecrets = z.infer<typeof PostgresProbeSecrets>;
