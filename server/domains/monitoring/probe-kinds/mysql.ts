import { createConnection, type Connection, type SslOptions } from 'mysql2';
import { MysqlProbeConfig, MysqlProbeSecrets } from '../../../../shared/schemas/probe-kinds/mysql.ts';
import type { ProbeKind } from './probe-kind.ts';
import { classifyGeneric, runSqlProbe, serverStatementLimitMs, type FirstCell, type SqlDriver } from './sql-common.ts';

function tlsOptions(config: MysqlProbeConfig): SslOptions | undefined {
  if (config.ssl === 'disable') return undefined;
  if (config.ssl === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(config.caCert ? { ca: config.caCert } : {}) };
}

// Server error numbers (errno), shared by MySQL and MariaDB.
const LOGIN_REJECTED = new Set([1044, 1045, 1049, 1251, 1698]); // db access denied, access denied, unknown db, auth plugin, no password
const PRIVILEGE = new Set([1142, 1143, 1227, 1370]); // table, column, specific (SUPER …), routine access denied
const STATEMENT_TIMEOUT = new Set([1969, 3024]); // MariaDB max_statement_time, MySQL max_execution_time

function classify(err: unknown, where: string): { code: string; message: string } {
  const { errno, code } = err as { errno?: unknown; code?: unknown };
  const text = err instanceof Error ? err.message : '';
  if (typeof errno === 'number' && LOGIN_REJECTED.has(errno)) return { code: 'auth', message: `login rejected: ${text}` };
  if (typeof errno === 'number' && PRIVILEGE.has(errno)) return { code: 'privilege', message: text };
  if ((typeof errno === 'number' && STATEMENT_TIMEOUT.has(errno)) || code === 'PROTOCOL_SEQUENCE_TIMEOUT') {
    return { code: 'timeout', message: 'query stopped by its time limit' };
  }
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT') return { code: 'tls', message: `${where} does not accept TLS` };
  return classifyGeneric(err, where);
}

function call<T>(start: (done: (err: Error | null, result?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
}

/**
 * The server-side limit, so that a query we gave up on does not keep running on a hospital database. MariaDB and
 * MySQL spell it differently; mysql2 keeps the handshake's version string only on an internal field.
 */
function statementLimit(conn: Connection, timeoutMs: number): string | undefined {
  const version = (conn as unknown as { _handshakePacket?: { serverVersion?: string } })._handshakePacket?.serverVersion;
  if (version === undefined) return undefined;
  const ms = serverStatementLimitMs(timeoutMs);
  return /mariadb/i.test(version) ? `SET SESSION max_statement_time = ${ms / 1000}` : `SET SESSION max_execution_time = ${ms}`;
}

function driver(config: MysqlProbeConfig, secrets: MysqlProbeSecrets): SqlDriver {
  const where = `${config.host}:${config.port}`;
  return {
    classify: (err) => classify(err, where),
    async open(signal, timeoutMs) {
      const conn = createConnection({
        host: config.host,
        port: config.port,
        user: config.user,
        password: secrets.password ?? '',
        ...(config.database ? { database: config.database } : {}),
        ssl: tlsOptions(config),
        connectTimeout: Math.max(1, Math.ceil(timeoutMs)),
        multipleStatements: false,
        // Exact text for DECIMAL and BIGINT: `equals` compares what the server sent, not a rounded double.
        supportBigNumbers: true,
        bigNumberStrings: true,
        dateStrings: true,
      });
      // A socket that dies after the run has its outcome would otherwise crash the process as an unhandled 'error'.
      conn.on('error', () => undefined);
      const destroy = () => conn.destroy();
      signal.addEventListener('abort', destroy, { once: true });
      try {
        await call((done) => conn.connect((err) => done(err)));
        const limit = statementLimit(conn, timeoutMs);
        // Old servers lack the variable; the client-side timer still bounds the run.
        if (limit) await call((done) => conn.query(limit, (err) => done(err))).catch(() => undefined);
        if (config.readOnly) await call((done) => conn.query('SET SESSION TRANSACTION READ ONLY', (err) => done(err)));
      } catch (err) {
        destroy();
        throw err;
      } finally {
        signal.removeEventListener('abort', destroy);
      }
      return {
        async firstCell(sql, queryTimeoutMs): Promise<FirstCell> {
          const rows = await call<unknown>((done) =>
            conn.query({ sql, rowsAsArray: true, timeout: Math.max(1, Math.ceil(queryTimeoutMs)) }, (err, result) => done(err, result)),
          );
          // A statement without a result set (SET, DO …) answers with a header object, not rows.
          const first = Array.isArray(rows) ? (rows[0] as unknown) : undefined;
          return Array.isArray(first) ? { hasRow: true, value: first[0] } : { hasRow: false };
        },
        close: () => call<void>((done) => conn.end((err) => done(err ?? null))).then(() => undefined),
        destroy,
      };
    },
  };
}

/** MySQL and MariaDB: one connection per run (no pool), one query, its first cell judged, then closed. */
export const mysqlProbe: ProbeKind<MysqlProbeConfig, MysqlProbeSecrets> = {
  kind: 'mysql',
  configSchema: MysqlProbeConfig,
  secretsSchema: MysqlProbeSecrets,
  targetKey: (config) => `mysql:${config.host}:${config.port}`,
  run: (config, secrets, ctx) => runSqlProbe(config, driver(config, secrets), [secrets.password], ctx),
};
