import type { SnmpEnvironmentOptions, SnmpProbeConfig } from '../../../../shared/schemas/probe-kinds/snmp.ts';
import { numericValue, type SnmpReading } from './snmp-session.ts';

/** One SNMP request of a plan; optional ones may be absent on the agent without a finding. */
export interface PlannedRequest {
  label: string;
  oid: string;
  mode: 'get' | 'walk';
  isOptional?: boolean;
}

/** Something wrong that a run found; the worst one sets the outcome. */
export interface SnmpFinding {
  severity: 'degraded' | 'down';
  code: 'threshold' | 'protocol';
  message: string;
}

/** What a template makes of its readings. */
export interface SnmpJudgement {
  findings: SnmpFinding[];
  measurements: Record<string, number>;
}

/** A template's requests and how to judge them; `read` returns undefined when the agent had nothing there. */
export interface SnmpTemplatePlan {
  requests: PlannedRequest[];
  judge(read: (label: string) => SnmpReading[] | undefined): SnmpJudgement;
}

const IF_TABLE = '1.3.6.1.2.1.2.2.1';
const IF_X_TABLE = '1.3.6.1.2.1.31.1.1.1';
const UPS = '1.3.6.1.2.1.33.1';
const PRT_MARKER_SUPPLIES = '1.3.6.1.2.1.43.11.1.1';
const HR_PRINTER_STATUS = '1.3.6.1.2.1.25.3.5.1.1';

/** ifOperStatus down(2), notPresent(6), lowerLayerDown(7); dormant and testing are states an admin chose. */
const OPER_DOWN = new Set([2, 6, 7]);
/** Messages name a few items and count the rest, so one bad chassis does not bury the message. */
const LISTED_ITEMS = 5;
const LOW_SUPPLY_PCT = 10;

function numbersBySuffix(readings: SnmpReading[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const { suffix, value } of readings ?? []) {
    const n = numericValue(value);
    if (n !== undefined) out.set(suffix, n);
  }
  return out;
}

function single(readings: SnmpReading[] | undefined): number | undefined {
  const value = readings?.[0]?.value;
  return value === undefined ? undefined : numericValue(value);
}

function listed(items: string[]): string {
  const shown = items.slice(0, LISTED_ITEMS).join(', ');
  return items.length > LISTED_ITEMS ? `${shown} and ${items.length - LISTED_ITEMS} more` : shown;
}

function switchInterfaces(only: readonly number[] | undefined): SnmpTemplatePlan {
  const walk = (label: string, oid: string, isOptional = false): PlannedRequest => ({ label, oid, mode: 'walk', isOptional });
  return {
    requests: [
      walk('ifDescr', `${IF_TABLE}.2`, true),
      walk('ifAdminStatus', `${IF_TABLE}.7`),
      walk('ifOperStatus', `${IF_TABLE}.8`),
      walk('ifInErrors', `${IF_TABLE}.14`, true),
      walk('ifOutErrors', `${IF_TABLE}.20`, true),
      // ifXTable is missing on very old or very small devices; the status check still works without it.
      walk('ifHCInOctets', `${IF_X_TABLE}.6`, true),
      walk('ifHCOutOctets', `${IF_X_TABLE}.10`, true),
    ],
    judge(read) {
      const wanted = only ? new Set(only.map(String)) : undefined;
      const measurements: Record<string, number> = {};
      for (const label of ['ifAdminStatus', 'ifOperStatus', 'ifInErrors', 'ifOutErrors', 'ifHCInOctets', 'ifHCOutOctets']) {
        for (const [suffix, value] of numbersBySuffix(read(label))) {
          if (!wanted || wanted.has(suffix)) measurements[`${label}.${suffix}`] = value;
        }
      }
      const names = new Map((read('ifDescr') ?? []).map((r) => [r.suffix, String(r.value)]));
      const admin = numbersBySuffix(read('ifAdminStatus'));
      const down: string[] = [];
      const absent: string[] = [];
      for (const [suffix, oper] of numbersBySuffix(read('ifOperStatus'))) {
        if (wanted && !wanted.has(suffix)) continue;
        if (admin.get(suffix) === 1 && OPER_DOWN.has(oper)) down.push(names.has(suffix) ? `${names.get(suffix)} (${suffix})` : suffix);
      }
      for (const suffix of wanted ?? []) if (!(`ifOperStatus.${suffix}` in measurements)) absent.push(suffix);
      const findings: SnmpFinding[] = [];
      if (down.length > 0) {
        const noun = down.length === 1 ? 'interface' : 'interfaces';
        findings.push({ severity: 'degraded', code: 'threshold', message: `${down.length} admin-up ${noun} down: ${listed(down)}` });
      }
      if (absent.length > 0) findings.push({ severity: 'degraded', code: 'protocol', message: `no such interface: ${listed(absent)}` });
      return { findings, measurements };
    },
  };
}

/** upsOutputSource: 2 none (load unpowered), 4 bypass, 5 battery. */
const UPS_OUTPUT_FINDINGS: Record<number, SnmpFinding> = {
  2: { severity: 'down', code: 'threshold', message: 'output off' },
  4: { severity: 'degraded', code: 'threshold', message: 'on bypass' },
  5: { severity: 'degraded', code: 'threshold', message: 'on battery' },
};
/** upsBatteryStatus: 3 low, 4 depleted. */
const UPS_BATTERY_FINDINGS: Record<number, SnmpFinding> = {
  3: { severity: 'down', code: 'threshold', message: 'battery low' },
  4: { severity: 'down', code: 'threshold', message: 'battery depleted' },
};

function ups(): SnmpTemplatePlan {
  const get = (label: string, oid: string, isOptional = false): PlannedRequest => ({ label, oid, mode: 'get', isOptional });
  return {
    requests: [
      get('upsOutputSource', `${UPS}.4.1.0`),
      get('upsChargePct', `${UPS}.2.4.0`),
      get('upsBatteryMinutes', `${UPS}.2.3.0`),
      get('upsBatteryStatus', `${UPS}.2.1.0`),
      // The first input line; single-phase UPSs have only this one.
      get('upsInputVoltage', `${UPS}.3.3.1.3.1`, true),
    ],
    judge(read) {
      const measurements: Record<string, number> = {};
      for (const label of ['upsOutputSource', 'upsChargePct', 'upsBatteryMinutes', 'upsBatteryStatus', 'upsInputVoltage']) {
        const value = single(read(label));
        if (value !== undefined) measurements[label] = value;
      }
      const findings: SnmpFinding[] = [];
      const output = UPS_OUTPUT_FINDINGS[measurements.upsOutputSource ?? 0];
      if (output) findings.push(output);
      const battery = UPS_BATTERY_FINDINGS[measurements.upsBatteryStatus ?? 0];
      if (battery) findings.push(battery);
      const charge = measurements.upsChargePct;
      if (charge !== undefined && charge < 50) {
        findings.push({ severity: charge < 20 ? 'down' : 'degraded', code: 'threshold', message: `battery charge ${charge} %` });
      }
      const minutes = measurements.upsBatteryMinutes;
      if (minutes !== undefined && minutes < 10) findings.push({ severity: 'down', code: 'threshold', message: `${minutes} min of battery left` });
      return { findings, measurements };
    },
  };
}

function printer(): SnmpTemplatePlan {
  const walk = (label: string, oid: string, isOptional = false): PlannedRequest => ({ label, oid, mode: 'walk', isOptional });
  return {
    requests: [
      walk('supplyDescription', `${PRT_MARKER_SUPPLIES}.6`, true),
      walk('supplyMax', `${PRT_MARKER_SUPPLIES}.8`),
      walk('supplyLevel', `${PRT_MARKER_SUPPLIES}.9`),
      walk('hrPrinterStatus', HR_PRINTER_STATUS, true),
    ],
    judge(read) {
      const measurements: Record<string, number> = {};
      const names = new Map((read('supplyDescription') ?? []).map((r) => [r.suffix, String(r.value)]));
      const max = numbersBySuffix(read('supplyMax'));
      const low: string[] = [];
      for (const [suffix, level] of numbersBySuffix(read('supplyLevel'))) {
        measurements[`supplyLevel.${suffix}`] = level;
        const capacity = max.get(suffix);
        if (capacity !== undefined) measurements[`supplyMax.${suffix}`] = capacity;
        // Negative levels are RFC 3805 markers (-2 unknown, -3 "some remaining"), not amounts.
        if (capacity === undefined || capacity <= 0 || level < 0) continue;
        const pct = Math.round((level / capacity) * 1000) / 10;
        measurements[`supplyPct.${suffix}`] = pct;
        if (pct < LOW_SUPPLY_PCT) low.push(`${names.get(suffix) ?? `supply ${suffix}`} ${pct} %`);
      }
      for (const [suffix, status] of numbersBySuffix(read('hrPrinterStatus'))) measurements[`hrPrinterStatus.${suffix}`] = status;
      const findings: SnmpFinding[] = low.length > 0 ? [{ severity: 'degraded', code: 'threshold', message: `low supply: ${listed(low)}` }] : [];
      return { findings, measurements };
    },
  };
}

function band(name: string, unit: string, value: number, limits: { warnLow: number; warnHigh: number; critLow: number; critHigh: number }) {
  const shown = `${name} ${Math.round(value * 10) / 10} ${unit}`;
  if (value < limits.critLow || value > limits.critHigh) {
    return { severity: 'down' as const, code: 'threshold' as const, message: `${shown} (limit ${limits.critLow}–${limits.critHigh} ${unit})` };
  }
  if (value < limits.warnLow || value > limits.warnHigh) {
    return { severity: 'degraded' as const, code: 'threshold' as const, message: `${shown} (range ${limits.warnLow}–${limits.warnHigh} ${unit})` };
  }
  return undefined;
}

function environment(options: SnmpEnvironmentOptions): SnmpTemplatePlan {
  const requests: PlannedRequest[] = [];
  if (options.temperatureOid) requests.push({ label: 'temperatureRaw', oid: options.temperatureOid, mode: 'get' });
  if (options.humidityOid) requests.push({ label: 'humidityRaw', oid: options.humidityOid, mode: 'get' });
  return {
    requests,
    judge(read) {
      const measurements: Record<string, number> = {};
      const findings: SnmpFinding[] = [];
      const rawTemperature = single(read('temperatureRaw'));
      if (rawTemperature !== undefined) {
        const celsius = rawTemperature / options.temperatureDivisor;
        measurements.temperatureC = celsius;
        const finding = band('temperature', '°C', celsius, options.temperatureC);
        if (finding) findings.push(finding);
      }
      const rawHumidity = single(read('humidityRaw'));
      if (rawHumidity !== undefined) {
        const pct = rawHumidity / options.humidityDivisor;
        measurements.humidityPct = pct;
        const finding = band('humidity', '%RH', pct, options.humidityPct);
        if (finding) findings.push(finding);
      }
      return { findings, measurements };
    },
  };
}

/** The plan of the configured built-in template, or undefined when the probe has none. */
export function templatePlan(config: SnmpProbeConfig): SnmpTemplatePlan | undefined {
  switch (config.template) {
    case 'switch-interfaces':
      return switchInterfaces(config.interfaces);
    case 'ups':
      return ups();
    case 'printer':
      return printer();
    case 'environment':
      return config.environment ? environment(config.environment) : undefined;
    case undefined:
      return undefined;
  }
}
