import { describe, expect, it, vi } from 'vitest';
import { Client } from 'pg';
import { PostgresProbeConfig } from '../../../../shared/schemas/probe-kinds/postgres.ts';
import { closedTcpPort, isTenthOfMs, silentTcpServer, testContext } from './device-fixtures.ts';
import { postgresProbe } from './postgres.ts';

// The local PostgreSQL: 127.0.0.1:5432, user postgres, trust authentication, TLS off.
const base = PostgresProbeConfig.parse({ host: '127.0.0.1', user: 'postgres' });
const run = (over: Partial<PostgresProbeConfig>, timeoutMs = 5_000, password?: string) =>
  postgresProbe.run({ ...base, ...over }, { password }, testContext(timeoutMs));

async function backendsNamed(name: string): Promise<number> {
  const client = new Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('select count(*) as n from pg_stat_activity where application_name = $1', [name]);
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe('postgresProbe', () => {
  it('fills defaults and keys the target by host and port', () => {
    expect(base).toMatchObject({ port: 5432, database: 'postgres', query: 'select 1', ssl: 'disable', readOnly: true });
    expect(postgresProbe.targetKey(base)).toBe('postgres:127.0.0.1:5432');
    expect(PostgresProbeConfig.safeParse({ host: '', user: 'x' }).success).toBe(false);
    expect(PostgresProbeConfig.safeParse({ host: 'h', user: 'x', expect: {} }).success).toBe(false);
    expect(PostgresProbeConfig.safeParse({ host: 'h', user: 'x', expect: { regex: '(' } }).success).toBe(false);
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
    const outcome = await run({ query: "select count(*) from pg_stat_activity where application_name = 'yiwei-probe'" });
    expect(outcome.measurements?.value).toBeGreaterThanOrEqual(1);
    await vi.waitFor(async () => expect(await backendsNamed('yiwei-probe')).toBe(0));
  });

  it('is down with code auth for a database that does not exist', async () => {
    const outcome = await run({ database: 'no_such_database_here' });
    expect(outcome).toMatchObject({ status: 'down', code: 'auth', latencyMs: null });
    expect(outcome.message).toContain('no_such_database_here');
  });

  it('checks the first value against equals, min, max and regex', async () => {
    expect(await run({ query: 'select 41', expect: { equals: '42' } })).toMatchObject({
      status: 'down',
      code: 'assertion',
      message: 'first value is "41", expected "42"',
    });
    expect(await run({ query: 'select 7', expect: { min: 1, max: 5 } })).toMatchObject({ status: 'down', code: 'assertion' });
    expect(await run({ query: 'select 3', expect: { min: 1, max: 5 } })).toMatchObject({ status: 'up' });
    expect(await run({ query: "select 'ONLINE'", expect: { regex: '^ON' } })).toMatchObject({ status: 'up' });
    expect(await run({ query: "select 'OFFLINE'", expect: { regex: '^ON' } })).toMatchObject({ status: 'down', code: 'assertion' });
    expect(await run({ query: 'select 1 where false', expect: { equals: '1' } })).toMatchObject({
      status: 'down',
      message: 'query returned no rows',
    });
  });

  it('is degraded when slower than the latency limit', async () => {
    const outcome = await run({ query: 'select pg_sleep(0.05)', degradedAboveMs: 1 });
    expect(outcome).toMatchObject({ status: 'degraded', code: 'threshold' });
  });

  it('is down with code timeout when the query outlives the budget', async () => {
    const outcome = await run({ query: 'select pg_sleep(2)' }, 500);
    expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
    // The server notices only when its own statement_timeout (budget + 1 s) cancels the sleep.
    await vi.waitFor(async () => expect(await backendsNamed('yiwei-probe')).toBe(0), { timeout: 5_000, interval: 100 });
  });

  it('stops when the engine aborts the run', async () => {
    const outcome = await postgresProbe.run({ ...base, query: 'select pg_sleep(5)' }, {}, testContext(30_000, 200));
    expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('runs read-only unless told otherwise', async () => {
    const query = 'show default_transaction_read_only';
    expect(await run({ query, expect: { equals: 'on' } })).toMatchObject({ status: 'up' });
    expect(await run({ query, readOnly: false, expect: { equals: 'off' } })).toMatchObject({ status: 'up' });
    expect(await run({ query: 'create table yiwei_probe_must_not_exist (x int)' })).toMatchObject({ status: 'down', code: 'error' });
  });

  it('never repeats the password in its message', async () => {
    const password = 'hunter2-Geheim';
    const outcome = await run({ query: `select '${password}'`, expect: { equals: 'x' } }, 5_000, password);
    expect(outcome).toMatchObject({ status: 'down', code: 'assertion' });
    expect(outcome.message).not.toContain(password);
    expect(outcome.message).toContain('***');
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
