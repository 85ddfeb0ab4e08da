import { z } from 'zod';
import type { Locale } from '../common.ts';
import { ProbeHost, ProbePort } from './network-target.ts';

/** A numeric OID; a leading dot (as snmpwalk prints it) is accepted and ignored. */
export const SnmpOid = z
  .string()
  .trim()
  .max(300)
  .regex(/^\.?\d+(\.\d+)+$/, 'dotted numeric OID, e.g. 1.3.6.1.2.1.1.3.0');

/** Measurement names are `<label>` or `<label>.<index>`, so a label holds no dots. */
export const SnmpCheckLabel = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ or -, starting with a letter');

/** Crit limits make the run `down`, warn limits `degraded`; `equals`/`notEquals` mismatches are `down`. */
export const SnmpThresholds = z
  .object({
    warnAbove: z.number().optional(),
    critAbove: z.number().optional(),
    warnBelow: z.number().optional(),
    critBelow: z.number().optional(),
    /** the value must be exactly this (compared as text) */
    equals: z.union([z.number(), z.string().max(200)]).optional(),
    /** the value must never be this, e.g. a RAID state "failed" */
    notEquals: z.union([z.number(), z.string().max(200)]).optional(),
  })
  .refine((t) => t.warnAbove === undefined || t.critAbove === undefined || t.warnAbove <= t.critAbove, {
    message: 'warnAbove must not exceed critAbove',
    path: ['warnAbove'],
  })
  .refine((t) => t.warnBelow === undefined || t.critBelow === undefined || t.warnBelow >= t.critBelow, {
    message: 'warnBelow must not be below critBelow',
    path: ['warnBelow'],
  });
export type SnmpThresholds = z.infer<typeof SnmpThresholds>;

/** One user-defined reading: an OID fetched by get or walk, named by `label`, optionally judged by thresholds. */
export const SnmpCheck = z.object({
  oid: SnmpOid,
  /** get: one instance OID; walk: every instance under a column or subtree */
  mode: z.enum(['get', 'walk']).default('get'),
  label: SnmpCheckLabel,
  thresholds: SnmpThresholds.optional(),
});
export type SnmpCheck = z.infer<typeof SnmpCheck>;

/** Names of the built-in templates. */
export const SNMP_TEMPLATE_NAMES = ['switch-interfaces', 'ups', 'printer', 'environment'] as const;
/** A built-in template, selected by `template` in the config. */
export const SnmpTemplateName = z.enum(SNMP_TEMPLATE_NAMES);
export type SnmpTemplateName = z.infer<typeof SnmpTemplateName>;

/** What the UI shows for a built-in template. */
export interface SnmpTemplateInfo {
  name: SnmpTemplateName;
  label: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** The built-in SNMP templates, in the order a form offers them. */
export const SNMP_TEMPLATES: readonly SnmpTemplateInfo[] = [
  {
    name: 'switch-interfaces',
    label: { 'zh-CN': '交换机端口', en: 'Switch interfaces' },
    description: {
      'zh-CN': 'IF-MIB：管理启用但运行中断的端口告警；错误计数与 64 位流量计数器。',
      en: 'IF-MIB: flags admin-up ports that are oper-down; error counters and 64-bit traffic counters.',
    },
  },
  {
    name: 'ups',
    label: { 'zh-CN': 'UPS 电源', en: 'UPS' },
    description: {
      'zh-CN': 'UPS-MIB (RFC 1628)：电池供电、剩余电量与时间、电池状态、输入电压。',
      en: 'UPS-MIB (RFC 1628): on battery, charge and minutes remaining, battery status, input voltage.',
    },
  },
  {
    name: 'printer',
    label: { 'zh-CN': '打印机耗材', en: 'Printer supplies' },
    description: {
      'zh-CN': 'Printer-MIB (RFC 3805)：各耗材余量百分比，低于 10% 告警。',
      en: 'Printer-MIB (RFC 3805): level of each supply in percent; below 10 % is degraded.',
    },
  },
  {
    name: 'environment',
    label: { 'zh-CN': '机房温湿度', en: 'Machine-room environment' },
    description: {
      'zh-CN': '厂商温湿度 OID 与换算系数；默认 18–28 °C、35–75 %RH。',
      en: 'Vendor temperature and humidity OIDs with a divisor; defaults 18–28 °C and 35–75 %RH.',
    },
  },
];

/** A band: outside warn limits is degraded, outside crit limits is down. */
const Band = (d: { warnLow: number; warnHigh: number; critLow: number; critHigh: number }) =>
  z
    .object({
      warnLow: z.number().default(d.warnLow),
      warnHigh: z.number().default(d.warnHigh),
      critLow: z.number().default(d.critLow),
      critHigh: z.number().default(d.critHigh),
    })
    .refine((b) => b.critLow <= b.warnLow && b.warnLow < b.warnHigh && b.warnHigh <= b.critHigh, {
      message: 'limits must satisfy critLow ≤ warnLow < warnHigh ≤ critHigh',
    });

/** Machine-room temperature limits in °C. */
export const TemperatureBand = Band({ warnLow: 18, warnHigh: 28, critLow: 15, critHigh: 32 });
/** Machine-room relative humidity limits in %. */
export const HumidityBand = Band({ warnLow: 35, warnHigh: 75, critLow: 25, critHigh: 85 });

/** The environment template's vendor OIDs, divisors and limits. */
export const SnmpEnvironmentOptions = z
  .object({
    temperatureOid: SnmpOid.optional(),
    /** the agent reports e.g. tenths of a degree: divisor 10 */
    temperatureDivisor: z.number().positive().max(1_000_000).default(1),
    humidityOid: SnmpOid.optional(),
    humidityDivisor: z.number().positive().max(1_000_000).default(1),
    temperatureC: TemperatureBand.prefault({}),
    humidityPct: HumidityBand.prefault({}),
  })
  .refine((e) => e.temperatureOid !== undefined || e.humidityOid !== undefined, {
    message: 'give a temperature OID, a humidity OID or both',
    path: ['temperatureOid'],
  });
export type SnmpEnvironmentOptions = z.infer<typeof SnmpEnvironmentOptions>;

/** An SNMP probe: target, version and v3 user, then a template and/or checks. */
export const SnmpProbeConfig = z
  .object({
    host: ProbeHost,
    port: ProbePort.default(161).describe('UDP port'),
    version: z.enum(['v2c', 'v3']).default('v2c'),
    /** v3 only: the USM user name (its keys are secrets) */
    user: z.string().trim().min(1).max(64).optional(),
    securityLevel: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).default('authPriv'),
    authProtocol: z.enum(['sha', 'sha256', 'md5']).default('sha'),
    privProtocol: z.enum(['aes', 'des']).default('aes'),
    /** v3 context name; most agents use the empty default */
    context: z.string().max(64).default(''),
    template: SnmpTemplateName.optional(),
    /** switch-interfaces only: restrict to these ifIndex values; absent means every interface */
    interfaces: z.array(z.number().int().min(1).max(2_147_483_647)).max(1_000).optional(),
    environment: SnmpEnvironmentOptions.optional(),
    checks: z.array(SnmpCheck).max(50).default([]),
  })
  .refine((c) => c.template !== undefined || c.checks.length > 0, {
    message: 'choose a template or add at least one check',
    path: ['checks'],
  })
  .refine((c) => c.version !== 'v3' || c.user !== undefined, { message: 'SNMPv3 needs a user name', path: ['user'] })
  .refine((c) => c.template !== 'environment' || c.environment !== undefined, {
    message: 'the environment template needs its OIDs',
    path: ['environment'],
  });
export type SnmpProbeConfig = z.infer<typeof SnmpProbeConfig>;

/** RFC 3414 requires USM passwords of at least 8 characters; shorter ones cannot be localised into keys. */
const UsmKey = z.string().min(8).max(256);

/** SNMP secrets, stored sealed: the v2c community or the v3 keys. */
export const SnmpProbeSecrets = z.object({
  /** v2c community */
  community: z.string().min(1).max(256).optional(),
  authKey: UsmKey.optional(),
  privKey: UsmKey.optional(),
});
export type SnmpProbeSecrets = z.infer<typeof SnmpProbeSecrets>;
