import { describe, expect, it, vi } from 'vitest';
import { SqlserverProbeConfig } from '../../../../shared/schemas/probe-kinds/sqlserver.ts';
import { closedTcpPort, silentTcpServer, testContext } from './device-fixtures.ts';
import { sqlserverProbe } from './sqlserver.ts';

// No SQL Server is available here: these tests cover configuration and the network failure paths only.
const base = SqlserverProbeConfig.parse({ host: '127.0.0.1', user: 'sa' });

describe('sqlserverProbe', () => {
  it('fills secure defaults and keys the target by host and port or instance', () => {
    expect(base).toMatchObject({ port: 1433, query: 'select 1', encrypt: 'on', trustServerCertificate: false });
    expect(sqlserverProbe.targetKey(base)).toBe('sqlserver:127.0.0.1:1433');
    expect(sqlserverProbe.targetKey({ ...base, instanceName: 'SQLEXPRESS' })).toBe('sqlserver:127.0.0.1\\SQLEXPRESS');
  });

  it('rejects configurations a form must not save', () => {
    expect(SqlserverProbeConfig.safeParse({ host: 'his-db', user: '' }).success).toBe(false);
    expect(SqlserverProbeConfig.safeParse({ host: 'his-db', user: 'sa', encrypt: 'maybe' }).success).toBe(false);
    expect(SqlserverProbeConfig.safeParse({ host: 'his-db', user: 'sa', query: 'x'.repeat(4_001) }).success).toBe(false);
    expect(SqlserverProbeConfig.safeParse({ host: 'his-db', user: 'sa', expect: { min: 5, max: 1 } }).success).toBe(false);
    expect(sqlserverProbe.secretsSchema.safeParse({ password: 'x'.repeat(513) }).success).toBe(false);
  });

  it('is down with code refused on a closed port', async () => {
    const outcome = await sqlserverProbe.run({ ...base, port: await closedTcpPort() }, { password: 'S3cret-sa-pw' }, testContext(5_000));
    expect(outcome).toMatchObject({ status: 'down', code: 'refused', latencyMs: null });
    expect(outcome.message).not.toContain('S3cret-sa-pw');
  });

  it('times out against a listener that never answers and closes the socket', async () => {
    const server = await silentTcpServer();
    try {
      const outcome = await sqlserverProbe.run({ ...base, port: server.port }, {}, testContext(400));
      expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
      expect(server.accepted()).toBe(1);
      await vi.waitFor(() => expect(server.openSockets()).toBe(0));
    } finally {
      await server.close();
    }
  });

  it('stops when the engine aborts the run', async () => {
    const server = await silentTcpServer();
    try {
      const outcome = await sqlserverProbe.run({ ...base, port: server.port }, {}, testContext(30_000, 200));
      expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
      await vi.waitFor(() => expect(server.openSockets()).toBe(0));
    } finally {
      await server.close();
    }
  });
});
