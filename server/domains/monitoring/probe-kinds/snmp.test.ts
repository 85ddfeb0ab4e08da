import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SNMP_TEMPLATES, SnmpProbeConfig, type SnmpProbeSecrets } from '../../../../shared/schemas/probe-kinds/snmp.ts';
import { isTenthOfMs, testContext } from './device-fixtures.ts';
import {
  AGENT_COMMUNITY,
  AGENT_V3_SHA256_USER,
  AGENT_V3_USER,
  SENSOR_HUMIDITY_OID,
  SENSOR_TEMPERATURE_OID,
  startTestAgent,
  type TestAgent,
} from './snmp-agent.fixture.ts';
import { classifySnmpError } from './snmp-session.ts';
import { snmpProbe } from './snmp.ts';

let agent: TestAgent;
beforeAll(async () => {
  agent = await startTestAgent();
});
afterAll(async () => {
  await agent.close();
});

const v2c: SnmpProbeSecrets = { community: AGENT_COMMUNITY };
const configOf = (input: Record<string, unknown>) => SnmpProbeConfig.parse({ host: '127.0.0.1', port: agent.port, ...input });
const run = (input: Record<string, unknown>, secrets: SnmpProbeSecrets = v2c, timeoutMs = 3_000) =>
  snmpProbe.run(configOf(input), secrets, testContext(timeoutMs));

function setUps(values: { source: number; charge: number; minutes: number; battery: number }): void {
  agent.mib.setScalarValue('upsOutputSource', values.source);
  agent.mib.setScalarValue('upsEstimatedChargeRemaining', values.charge);
  agent.mib.setScalarValue('upsEstimatedMinutesRemaining', values.minutes);
  agent.mib.setScalarValue('upsBatteryStatus', values.battery);
}
const onMains = { source: 3, charge: 100, minutes: 60, battery: 2 };

describe('snmpProbe configuration', () => {
  it('fills defaults and keys the target by host and port', () => {
    const config = SnmpProbeConfig.parse({ host: 'ups-3f', template: 'ups' });
    expect(config).toMatchObject({ port: 161, version: 'v2c', checks: [] });
    expect(snmpProbe.targetKey(config)).toBe('snmp:ups-3f:161');
  });

  it('rejects what a form must not save', () => {
    const parse = (input: Record<string, unknown>) => SnmpProbeConfig.safeParse({ host: 'sw1', ...input }).success;
    expect(parse({})).toBe(false);
    expect(parse({ checks: [{ oid: '1.3.6.1.2.1.1.3.0', label: 'uptime' }] })).toBe(true);
    expect(parse({ checks: [{ oid: 'iso.3.6', label: 'x' }] })).toBe(false);
    expect(parse({ checks: [{ oid: '1.3.6.1', label: 'has.dot' }] })).toBe(false);
    expect(parse({ checks: [{ oid: '1.3.6.1', label: 'x', thresholds: { warnAbove: 90, critAbove: 80 } }] })).toBe(false);
    expect(parse({ template: 'ups', version: 'v3' })).toBe(false);
    expect(parse({ template: 'environment' })).toBe(false);
    expect(parse({ template: 'environment', environment: { temperatureOid: '1.3.6.1.4.1.1.0', temperatureC: { warnLow: 30 } } })).toBe(false);
    expect(snmpProbe.secretsSchema.safeParse({ authKey: 'short' }).success).toBe(false);
  });

  it('offers every template with Chinese and English labels', () => {
    expect(SNMP_TEMPLATES.map((t) => t.name)).toEqual(['switch-interfaces', 'ups', 'printer', 'environment']);
    for (const template of SNMP_TEMPLATES) {
      expect(template.label['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(template.label.en.length).toBeGreaterThan(0);
    }
  });

  it('is unknown with code auth when the needed secret is not stored', async () => {
    expect(await run({ template: 'ups' }, {})).toMatchObject({ status: 'unknown', code: 'auth' });
    expect(await run({ template: 'ups', version: 'v3', user: 'monitor' }, { authKey: AGENT_V3_USER.authKey })).toMatchObject({
      status: 'unknown',
      code: 'auth',
    });
  });
});

describe('snmpProbe checks', () => {
  it('turns numeric values into measurements, walks into <label>.<index>, rounded latency', async () => {
    const outcome = await run({
      checks: [
        { oid: '.1.3.6.1.2.1.2.2.1.14.4', label: 'uplinkInErrors' },
        { oid: '1.3.6.1.2.1.2.2.1.20', mode: 'walk', label: 'outErrors' },
      ],
    });
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(outcome.measurements).toEqual({ uplinkInErrors: 5, 'outErrors.1': 0, 'outErrors.2': 3, 'outErrors.3': 0, 'outErrors.4': 0 });
    expect(isTenthOfMs(outcome.latencyMs)).toBe(true);
  });

  it('maps crit limits to down and warn limits to degraded', async () => {
    const walk = { oid: '1.3.6.1.2.1.2.2.1.14', mode: 'walk', label: 'inErrors' };
    expect(await run({ checks: [{ ...walk, thresholds: { warnAbove: 10 } }] })).toMatchObject({
      status: 'degraded',
      code: 'threshold',
      message: 'inErrors.2 = 17 (warn above 10)',
    });
    expect(await run({ checks: [{ ...walk, thresholds: { warnAbove: 4, critAbove: 10 } }] })).toMatchObject({
      status: 'down',
      message: 'inErrors.2 = 17 (crit above 10); inErrors.4 = 5 (warn above 4)',
    });
    expect(await run({ checks: [{ oid: '1.3.6.1.2.1.2.2.1.2.2', label: 'port', thresholds: { equals: 'Gi0/2' } }] })).toMatchObject({ status: 'up' });
    expect(await run({ checks: [{ oid: '1.3.6.1.2.1.2.2.1.8.2', label: 'oper', thresholds: { notEquals: 2 } }] })).toMatchObject({
      status: 'down',
      message: 'oper = 2 (must not be 2)',
    });
  });

  it('is degraded with code protocol for an OID the agent does not have', async () => {
    expect(await run({ checks: [{ oid: '1.3.6.1.2.1.1.5.0', label: 'sysName' }] })).toMatchObject({
      status: 'degraded',
      code: 'protocol',
      message: 'sysName: no such object on the agent',
    });
  });
});

describe('snmpProbe templates', () => {
  beforeEach(() => setUps(onMains));

  it('switch-interfaces: flags admin-up ports that are down and reports raw counters', async () => {
    const outcome = await run({ template: 'switch-interfaces' });
    expect(outcome).toMatchObject({ status: 'degraded', code: 'threshold', message: '1 admin-up interface down: Gi0/2 (2)' });
    expect(outcome.measurements).toMatchObject({
      'ifOperStatus.3': 2,
      'ifAdminStatus.3': 2,
      'ifInErrors.2': 17,
      'ifHCInOctets.2': 2 ** 40,
      'ifHCOutOctets.4': 61_728_394_506,
    });
  });

  it('switch-interfaces: restricted to chosen interfaces, and names ones that do not exist', async () => {
    const outcome = await run({ template: 'switch-interfaces', interfaces: [1, 4] });
    expect(outcome.status).toBe('up');
    expect(Object.keys(outcome.measurements ?? {}).some((name) => name.endsWith('.2'))).toBe(false);
    expect(await run({ template: 'switch-interfaces', interfaces: [4, 9] })).toMatchObject({
      status: 'degraded',
      code: 'protocol',
      message: 'no such interface: 9',
    });
  });

  it('ups: up on mains, with the readings as measurements', async () => {
    const outcome = await run({ template: 'ups' });
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(outcome.measurements).toEqual({ upsOutputSource: 3, upsChargePct: 100, upsBatteryMinutes: 60, upsBatteryStatus: 2, upsInputVoltage: 229 });
  });

  it('ups: degraded on battery, down when charge, minutes or battery status are critical', async () => {
    setUps({ source: 5, charge: 45, minutes: 30, battery: 2 });
    expect(await run({ template: 'ups' })).toMatchObject({ status: 'degraded', message: 'on battery; battery charge 45 %' });
    setUps({ source: 5, charge: 15, minutes: 30, battery: 2 });
    expect(await run({ template: 'ups' })).toMatchObject({ status: 'down', message: 'battery charge 15 %; on battery' });
    setUps({ ...onMains, minutes: 8 });
    expect(await run({ template: 'ups' })).toMatchObject({ status: 'down', message: '8 min of battery left' });
    setUps({ ...onMains, battery: 3 });
    expect(await run({ template: 'ups' })).toMatchObject({ status: 'down', message: 'battery low' });
    setUps({ ...onMains, battery: 4 });
    expect(await run({ template: 'ups' })).toMatchObject({ status: 'down', message: 'battery depleted' });
  });

  it('printer: percent per supply, low ones named in the message', async () => {
    const outcome = await run({ template: 'printer' });
    expect(outcome).toMatchObject({ status: 'degraded', code: 'threshold', message: 'low supply: Cyan Toner 5 %' });
    expect(outcome.measurements).toMatchObject({ 'supplyPct.1.1': 80, 'supplyPct.1.2': 5, 'supplyLevel.1.3': -3, 'hrPrinterStatus.1': 3 });
    expect(outcome.measurements).not.toHaveProperty('supplyPct.1.3');
  });

  it('environment: scales vendor values and checks them against the machine-room limits', async () => {
    const environment = { temperatureOid: SENSOR_TEMPERATURE_OID, temperatureDivisor: 10, humidityOid: SENSOR_HUMIDITY_OID };
    const outcome = await run({ template: 'environment', environment });
    expect(outcome).toMatchObject({ status: 'up', measurements: { temperatureC: 23.5, humidityPct: 48.5 } });
    try {
      agent.mib.setScalarValue('sensorTemperature', 295);
      expect(await run({ template: 'environment', environment })).toMatchObject({
        status: 'degraded',
        message: 'temperature 29.5 °C (range 18–28 °C)',
      });
      agent.mib.setScalarValue('sensorHumidity', '90');
      expect(await run({ template: 'environment', environment })).toMatchObject({
        status: 'down',
        message: 'humidity 90 %RH (limit 25–85 %RH); temperature 29.5 °C (range 18–28 °C)',
      });
      const widened = { ...environment, temperatureC: { warnHigh: 30, critHigh: 35 }, humidityPct: { warnHigh: 92, critHigh: 95 } };
      expect(await run({ template: 'environment', environment: widened })).toMatchObject({ status: 'up' });
    } finally {
      agent.mib.setScalarValue('sensorTemperature', 235);
      agent.mib.setScalarValue('sensorHumidity', '48.5');
    }
  });
});

describe('snmpProbe access', () => {
  beforeEach(() => setUps(onMains));
  const v3 = { template: 'ups', version: 'v3', user: AGENT_V3_USER.name, securityLevel: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' };
  const v3Keys = { authKey: AGENT_V3_USER.authKey, privKey: AGENT_V3_USER.privKey };

  it('v2c with a wrong community is down without repeating the community', async () => {
    const outcome = await run({ template: 'ups' }, { community: 'wrong-community' }, 600);
    expect(outcome.status).toBe('down');
    expect(['timeout', 'auth']).toContain(outcome.code);
    expect(outcome.message).not.toContain('wrong-community');
  });

  it('never repeats the community even when the agent reports it as a value', async () => {
    agent.mib.setScalarValue('sensorHumidity', AGENT_COMMUNITY);
    try {
      const outcome = await run({ checks: [{ oid: SENSOR_HUMIDITY_OID, label: 'probe', thresholds: { equals: 'x' } }] });
      expect(outcome.status).toBe('down');
      expect(outcome.message).not.toContain(AGENT_COMMUNITY);
      expect(outcome.message).toContain('***');
    } finally {
      agent.mib.setScalarValue('sensorHumidity', '48.5');
    }
  });

  it('v3 authPriv with SHA and AES reads the agent', async () => {
    setUps({ ...onMains, source: 5 });
    expect(await run(v3, v3Keys)).toMatchObject({ status: 'degraded', message: 'on battery', measurements: { upsOutputSource: 5 } });
  });

  it('v3 authNoPriv with SHA-256 reads the agent', async () => {
    const config = { ...v3, user: AGENT_V3_SHA256_USER, securityLevel: 'authNoPriv', authProtocol: 'sha256' };
    expect(await run(config, { authKey: AGENT_V3_USER.authKey })).toMatchObject({ status: 'up', measurements: { upsOutputSource: 3 } });
  });

  it('reports DES without OpenSSL legacy support as unknown to this server, not as the device being down', () => {
    const err = Object.assign(new Error('error:0308010C:digital envelope routines::unsupported'), { code: 'ERR_OSSL_EVP_UNSUPPORTED' });
    expect(classifySnmpError(err, 'ups:161')).toMatchObject({ code: 'driver' });
  });

  it('v3 with a wrong auth or privacy key is down without repeating any key', async () => {
    for (const keys of [{ ...v3Keys, authKey: 'wrong-auth-key' }, { ...v3Keys, privKey: 'wrong-priv-key' }]) {
      const outcome = await run(v3, keys, 600);
      expect(outcome.status).toBe('down');
      expect(['timeout', 'auth']).toContain(outcome.code);
      for (const key of Object.values(keys)) expect(outcome.message).not.toContain(key);
    }
  });

  it('v3 with a user the agent does not know is down with code auth', async () => {
    expect(await run({ ...v3, user: 'intruder' }, v3Keys)).toMatchObject({ status: 'down', code: 'auth' });
  });

  it('stops when the engine aborts the run', async () => {
    const outcome = await snmpProbe.run(configOf({ template: 'ups' }), { community: 'wrong-community' }, testContext(30_000, 200));
    expect(outcome).toMatchObject({ status: 'down', code: 'timeout' });
  });
});
