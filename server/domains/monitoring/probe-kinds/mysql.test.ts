import { describe, expect, it, vi } from 'vitest';
import { createConnection } from 'mysql2/promise';
import { MysqlProbeConfig } from '../../../../shared/schemas/probe-kinds/mysql.ts';
import { closedTcpPort, isTenthOfMs, silentTcpServer, testContext } from './device-fixtures.ts';
import { mysqlProbe } from './mysql.ts';

// The local MariaDB: 127.0.0.1:3306, root with an empty password, database `test`.
const base = MysqlProbeConfig.parse({ host: '127.0.0.1', user: 'root', database: 'test' });
const run = (over: Partial<MysqlProbeConfig>, timeoutMs = 5_000, password?: string) =>
  mysqlProbe.run({ ...base, ...over }, { password }, testContext(timeoutMs));

async function isConnectionAlive(id: number): Promise<boolean> {
  const conn = await createConnection({ host: '127.0.0.1', user: 'root', database: 'test' });
  try {
    const [rows] = await conn.query('select count(*) as n from information_schema.processlist where id = ?', [id]);
    return Number((rows as { n: number }[])[0]?.n) > 0;
  } finally {
    await conn.end();
  }
}

describe('mysqlProbe', () => {
  it('fills defaults and keys the target by host and port', () => {
    expect(base).toMatchObject({ port: 3306, query: 'select 1', ssl: 'disable', readOnly: true });
    expect(mysqlProbe.targetKey(base)).toBe('mysql:127.0.0.1:3306');
    expect(MysqlProbeConfig.safeParse({ host: 'h', user: 'u', port: 70_000 }).success).toBe(false);
  });

  it('is up with connect and query times and the first value', async () => {
    const outcome = await run({ query: 'select 42' });
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(outcome.measurements).toMatchObject({ value: 42 });
    expect(isTenthOfMs(outcome.latencyMs)).toBe(true);
    expect(isTenthOfMs(outcome.measurements?.connectMs)).toBe(true);
    expect(isTenthOfMs(outcome.measurements?.queryMs)).toBe(true);
  });

  it('closes its connection after the run', async () => {
    const outcome = await run({ query: 'select connection_id()' });
    const id = outcome.measurements?.value;
    expect(id).toBeGreaterThan(0);
    await vi.waitFor(async () => expect(await isConnectionAlive(id ?? 0)).toBe(false));
  });

  it('is down with code auth for a database that does not exist', async () => {
    const outcome = await run({ database: 'no_such_database_here' });
    expect(outcome).toMatchObject({ status: 'down', code: 'auth', latencyMs: null });
  });

  it('is down with code auth for a wrong password and never repeats it', async () => {
    const password = 'Wr0ng-Secret-pw';
    const outcome = await run({}, 5_000, password);
    expect(outcome).toMatchObject({ status: 'down', code: 'auth' });
    expect(outcome.message).not.toContain(password);
  });

  it('checks the first value against equals, min, max and regex', async () => {
    expect(await run({ query: 'select 41', expect: { equals: '42' } })).toMatchObject({
      status: 'down',
      code: 'assertion',
      message: 'first value is "41", expected "42"',
    });
    expect(await run({ query: 'select 12.50', expect: { equals: '12.50' } })).toMatchObject({ status: 'up' });
    expect(await run({ query: 'select 7', expect: { max: 5 } })).toMatchObject({ status: 'down', code: 'assertion' });
    expect(await run({ query: "select 'Primary'", expect: { regex: '^Prim' } })).toMatchObject({ status: 'up' });
    expect(await run({ query: 'select null', expect: { min: 0 } })).toMatchObject({ status: 'down', message: 'first value is NULL' });
    expect(await run({ query: 'select 1 from dual where false', expect: { equals: '1' } })).toMatchObject({
      status: 'down',
      message: 'query returned no rows',
    });
  });

  it('is degraded when slower than the latency limit', async () => {
    expect(await run({ query: 'select sleep(0.05)', degradedAboveMs: 1 })).toMatchObject({ status: 'degraded', code: 'threshold' });
  });

  it('is down with code timeout when the query outlives the budget', async () => {
    expect(await run({ query: 'select sleep(2)' }, 500)).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('stops when the engine aborts the run', async () => {
    const outcome = await mysqlProbe.run({ ...base, query: 'select sleep(5)' }, {}, testContext(30_000, 200));
    expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('runs read-only unless told otherwise', async () => {
    expect(await run({ query: 'select @@tx_read_only', expect: { equals: '1' } })).toMatchObject({ status: 'up' });
    expect(await run({ query: 'select @@tx_read_only', readOnly: false, expect: { equals: '0' } })).toMatchObject({ status: 'up' });
    const outcome = await run({ query: 'create table yiwei_probe_must_not_exist (x int)' });
    expect(outcome).toMatchObject({ status: 'down', code: 'error' });
    expect(outcome.message).toContain('READ ONLY');
  });

  it('is down with code tls when TLS is required and the server has none', async () => {
    expect(await run({ ssl: 'require' })).toMatchObject({ status: 'down', code: 'tls' });
  });

  it('is down with code refused on a closed port', async () => {
    expect(await run({ port: await closedTcpPort() })).toMatchObject({ status: 'down', code: 'refused' });
  });

  it('times out against a server that never answers and closes the socket', async () => {
    const server = await silentTcpServer();
    try {
      expect(await run({ port: server.port }, 300)).toMatchObject({ status: 'down', code: 'timeout' });
      expect(server.accepted()).toBe(1);
      await vi.waitFor(() => expect(server.openSockets()).toBe(0));
    } finally {
      await server.close();
    }
  });
});
