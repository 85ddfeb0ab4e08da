import type { ConnectionOptions } from 'node:tls';
import { Client } from 'pg';
import { PostgresProbeConfig, PostgresProbeSecrets } from '../../../../shared/schemas/probe-kinds/postgres.ts';
import type { ProbeKind } from './probe-kind.ts';
import { classifyGeneric, runSqlProbe, serverStatementLimitMs, type FirstCell, type SqlDriver } from './sql-common.ts';

function tlsOptions(config: PostgresProbeConfig): ConnectionOptions | false {
  if (config.ssl === 'disable') return false;
  if (config.ssl === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(config.caCert ? { ca: config.caCert } : {}) };
}

/** SQLSTATEs the server sends when it turns the login away (bad password, no such role or database). */
const LOGIN_REJECTED = new Set(['28P01', '28000', '3D000']);

function classify(err: unknown, where: string): { code: string; message: string } {
  const sqlState = (err as { code?: unknown }).code;
  const text = err instanceof Error ? err.message : '';
  if (typeof sqlState === 'string' && LOGIN_REJECTED.has(sqlState)) return { code: 'auth', message: `login rejected: ${text}` };
  if (sqlState === '42501') return { code: 'privilege', message: text };
  if (sqlState === '57014') return { code: 'timeout', message: 'query cancelled by statement_timeout' };
  if (/does not support SSL/i.test(text)) return { code: 'tls', message: `${where} does not accept TLS` };
  // pg raises this before sending anything when the server asks for a password and none is stored.
  if (/password must be a string/i.test(text)) return { code: 'auth', message: 'the server asks for a password and none is stored' };
  return classifyGeneric(err, where);
}

function driver(config: PostgresProbeConfig, secrets: PostgresProbeSecrets): SqlDriver {
  const where = `${config.host}:${config.port}`;
  return {
    classify: (err) => classify(err, where),
    async open(signal, timeoutMs) {
      const client = new Client({
        host: config.host,
        port: config.port,
        database: config.database,
        user: config.user,
        password: secrets.password,
        ssl: tlsOptions(config),
        connectionTimeoutMillis: Math.max(1, Math.ceil(timeoutMs)),
        // Closing our socket alone would leave a long query running on the server.
        statement_timeout: serverStatementLimitMs(timeoutMs),
        application_name: 'yiwei-probe',
        ...(config.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      });
      // A socket that dies after the run has its outcome would otherwise crash the process as an unhandled 'error'.
      client.on('error', () => undefined);
      const destroy = () => client.connection.stream.destroy();
      signal.addEventListener('abort', destroy, { once: true });
      try {
        await client.connect();
      } catch (err) {
        destroy();
        throw err;
      } finally {
        signal.removeEventListener('abort', destroy);
      }
      return {
        async firstCell(sql): Promise<FirstCell> {
          const result: unknown = await client.query({ text: sql, rowMode: 'array' });
          // Several statements give one result each ("set …; select …"): the first row of any counts, as for SQL Server.
          const results = (Array.isArray(result) ? result : [result]) as { rows?: unknown[][] }[];
          const row = results.find((r) => (r.rows?.length ?? 0) > 0)?.rows?.[0];
          return row ? { hasRow: true, value: row[0] } : { hasRow: false };
        },
        close: () => client.end(),
        destroy,
      };
    },
  };
}

/** PostgreSQL: connect, run one query, judge its first cell, close. */
export const postgresProbe: ProbeKind<PostgresProbeConfig, PostgresProbeSecrets> = {
  kind: 'postgres',
  configSchema: PostgresProbeConfig,
  secretsSchema: PostgresProbeSecrets,
  targetKey: (config) => `postgres:${config.host}:${config.port}`,
  run: (config, secrets, ctx) => runSqlProbe(config, driver(config, secrets), [secrets.password], ctx),
};
