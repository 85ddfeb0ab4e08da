import { Connection, Request, type ConnectionConfiguration } from 'tedious';
import { SqlserverProbeConfig, SqlserverProbeSecrets } from '../../../../shared/schemas/probe-kinds/sqlserver.ts';
import type { ProbeKind } from './probe-kind.ts';
import { classifyGeneric, runSqlProbe, serverStatementLimitMs, type FirstCell, type SqlDriver } from './sql-common.ts';

/** Server error numbers: 229/230 permission denied on an object or column, 262 permission denied in the database. */
const PRIVILEGE = new Set([229, 230, 262, 297, 300]);

function classify(err: unknown, where: string): { code: string; message: string } {
  const { code, number } = err as { code?: unknown; number?: unknown };
  const text = err instanceof Error ? err.message : '';
  if (code === 'ELOGIN') return { code: 'auth', message: `login rejected: ${text}` };
  if (code === 'ETIMEOUT') return { code: 'timeout', message: `no answer from ${where} in time` };
  if (code === 'EINSTLOOKUP') return { code: 'dns', message: `instance lookup failed: ${text}` };
  if (typeof number === 'number' && PRIVILEGE.has(number)) return { code: 'privilege', message: text };
  return classifyGeneric(err, where);
}

function target(config: SqlserverProbeConfig): string {
  return config.instanceName ? `${config.host}\\${config.instanceName}` : `${config.host}:${config.port}`;
}

function connectionConfig(config: SqlserverProbeConfig, secrets: SqlserverProbeSecrets, timeoutMs: number): ConnectionConfiguration {
  return {
    server: config.host,
    authentication: { type: 'default', options: { userName: config.user, password: secrets.password ?? '' } },
    options: {
      // tedious refuses a port together with an instance name: the instance's port comes from SQL Browser.
      ...(config.instanceName ? { instanceName: config.instanceName } : { port: config.port }),
      ...(config.database ? { database: config.database } : {}),
      encrypt: config.encrypt === 'off' ? false : config.encrypt === 'strict' ? 'strict' : true,
      trustServerCertificate: config.trustServerCertificate,
      connectTimeout: Math.max(1, Math.ceil(timeoutMs)),
      // On its own timer tedious sends an ATTENTION, which stops the query on the server.
      requestTimeout: serverStatementLimitMs(timeoutMs),
      appName: 'yiwei-probe',
      // tedious retries "transient" login errors by default; a probe reports the first failure instead.
      maxRetriesOnTransientErrors: 0,
    },
  };
}

function driver(config: SqlserverProbeConfig, secrets: SqlserverProbeSecrets): SqlDriver {
  const where = target(config);
  return {
    classify: (err) => classify(err, where),
    async open(signal, timeoutMs) {
      const connection = new Connection(connectionConfig(config, secrets, timeoutMs));
      // Errors after login (a lost socket) arrive as 'error' events; unhandled they would crash the process.
      connection.on('error', () => undefined);
      const destroy = () => connection.close();
      signal.addEventListener('abort', destroy, { once: true });
      try {
        await new Promise<void>((resolve, reject) => {
          connection.connect((err) => (err ? reject(err) : resolve()));
          // close() during the login ends the connection without calling the connect callback.
          connection.once('end', () => reject(new Error('connection closed during login')));
        });
      } catch (err) {
        destroy();
        throw err;
      } finally {
        signal.removeEventListener('abort', destroy);
      }
      return {
        firstCell: (sql) =>
          new Promise<FirstCell>((resolve, reject) => {
            let first: FirstCell = { hasRow: false };
            const request = new Request(sql, (err) => (err ? reject(err) : resolve(first)));
            request.on('row', (columns: { value: unknown }[]) => {
              if (!first.hasRow) first = { hasRow: true, value: columns[0]?.value };
            });
            connection.execSql(request);
          }),
        close: () =>
          new Promise<void>((resolve) => {
            connection.once('end', () => resolve());
            connection.close();
          }),
        destroy,
      };
    },
  };
}

/** Microsoft SQL Server through tedious: one connection, one query, its first cell judged, then closed. */
export const sqlserverProbe: ProbeKind<SqlserverProbeConfig, SqlserverProbeSecrets> = {
  kind: 'sqlserver',
  configSchema: SqlserverProbeConfig,
  secretsSchema: SqlserverProbeSecrets,
  targetKey: (config) => `sqlserver:${target(config)}`,
  run: (config, secrets, ctx) => runSqlProbe(config, driver(config, secrets), [secrets.password], ctx),
};
