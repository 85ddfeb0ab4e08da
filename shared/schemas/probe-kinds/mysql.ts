import { z } from 'zod';
import { SqlCaCert, SqlProbeSecrets, SqlTlsMode, sqlProbeFields } from './sql-common.ts';

/** A MySQL or MariaDB probe: where to connect, what to run and what to expect. */
export const MysqlProbeConfig = z.object({
  ...sqlProbeFields({ port: 3306, query: 'select 1' }),
  database: z.string().trim().min(1).max(64).optional(),
  ssl: SqlTlsMode.default('disable'),
  caCert: SqlCaCert,
  /** run the query in a read-only session, so a mistyped probe query cannot change data */
  readOnly: z.boolean().default(true),
});
export type MysqlProbeConfig = z.infer<typeof MysqlProbeConfig>;

/** The MySQL/MariaDB password. */
export const MysqlProbeSecrets = SqlProbeSecrets;
export type MysqlProbeSecrets = z.infer<typeof MysqlProbeSecrets>;
