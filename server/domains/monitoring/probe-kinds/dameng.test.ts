import { describe, expect, it } from 'vitest';
import { DamengProbeConfig } from '../../../../shared/schemas/probe-kinds/dameng.ts';
import { DAMENG_DRIVER_MISSING, damengProbe } from './dameng.ts';
import { testContext } from './device-fixtures.ts';

// The dmdb driver is not installed here (and no DM server runs): only the missing-driver path is real.
describe('damengProbe', () => {
  const config = DamengProbeConfig.parse({ host: '127.0.0.1', user: 'SYSDBA' });

  it('fills DM defaults and keys the target by host and port', () => {
    expect(config).toMatchObject({ port: 5236, query: 'select 1 from dual' });
    expect(damengProbe.targetKey(config)).toBe('dameng:127.0.0.1:5236');
    expect(DamengProbeConfig.safeParse({ host: '127.0.0.1' }).success).toBe(false);
  });

  it('reports unknown with code driver when dmdb is not installed', async () => {
    const outcome = await damengProbe.run(config, { password: 'SYSDBA-secret' }, testContext(2_000));
    expect(outcome).toEqual({ status: 'unknown', latencyMs: null, code: 'driver', message: DAMENG_DRIVER_MISSING });
    expect(outcome.message).toContain('npm install dmdb');
  });
});
