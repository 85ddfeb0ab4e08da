import type { z } from 'zod';
import type { ProbeKindKey } from '../../../shared/schemas/probes.ts';
import { DamengProbeConfig } from '../../../shared/schemas/probe-kinds/dameng.ts';
import { DicomProbeConfig } from '../../../shared/schemas/probe-kinds/dicom.ts';
import { DnsProbeConfig, DnsRecordType } from '../../../shared/schemas/probe-kinds/dns.ts';
import { FhirProbeConfig } from '../../../shared/schemas/probe-kinds/fhir.ts';
import { HeartbeatConfig } from '../../../shared/schemas/probe-kinds/heartbeat.ts';
import { Hl7ProbeConfig } from '../../../shared/schemas/probe-kinds/hl7.ts';
import { HttpMethod, HttpProbeConfig, HttpProbeSecrets } from '../../../shared/schemas/probe-kinds/http.ts';
import { MysqlProbeConfig } from '../../../shared/schemas/probe-kinds/mysql.ts';
import { NoSecrets } from '../../../shared/schemas/probe-kinds/network-target.ts';
import { PingProbeConfig } from '../../../shared/schemas/probe-kinds/ping.ts';
import { PostgresProbeConfig } from '../../../shared/schemas/probe-kinds/postgres.ts';
import { SNMP_TEMPLATE_NAMES, SnmpProbeConfig, SnmpProbeSecrets } from '../../../shared/schemas/probe-kinds/snmp.ts';
import { SqlProbeSecrets, SqlTlsMode } from '../../../shared/schemas/probe-kinds/sql-common.ts';
import { SqlserverProbeConfig } from '../../../shared/schemas/probe-kinds/sqlserver.ts';
import { TcpProbeConfig } from '../../../shared/schemas/probe-kinds/tcp.ts';
import { TlsProbeConfig } from '../../../shared/schemas/probe-kinds/tls.ts';
import type { monitoringZhCN } from '../../i18n/monitoring.zh-CN.ts';

/** A configuration field the form offers by hand; its label is `monitoring.config.<name>`. */
export type ConfigFieldName = keyof typeof monitoringZhCN.config;
export type ConfigField = {
  name: ConfigFieldName;
  type: 'text' | 'number' | 'select' | 'boolean' | 'textarea';
  options?: readonly string[];
  isRequired?: boolean;
};
/** A write-only value; `path` is where it goes in the secrets object (`headers.Authorization` for HTTP). */
export type SecretField = { name: ConfigFieldName; path: readonly string[]; type: 'password' | 'textarea' };

type KindSpec = { config: z.ZodType; secrets: z.ZodType; fields: readonly ConfigField[]; secretFields: readonly SecretField[] };

const text = (name: ConfigFieldName, isRequired = false): ConfigField => ({ name, type: 'text', isRequired });
const num = (name: ConfigFieldName, isRequired = false): ConfigField => ({ name, type: 'number', isRequired });
const select = (name: ConfigFieldName, options: readonly string[]): ConfigField => ({ name, type: 'select', options });
const bool = (name: ConfigFieldName): ConfigField => ({ name, type: 'boolean' });

const HOST = text('host', true);
const DEGRADED = num('degradedAboveMs');
const SQL = [HOST, num('port'), text('user', true), text('database'), { name: 'query', type: 'textarea' } as ConfigField] as const;
const PASSWORD: SecretField[] = [{ name: 'password', path: ['password'], type: 'password' }];
const HTTP_SECRETS: SecretField[] = [{ name: 'authorization', path: ['headers', 'Authorization'], type: 'password' }];

/**
 * Each kind's schemas (the same ones the server checks) and the fields the form shows by hand. Anything else the
 * schema allows (headers, JSONPath, SNMP checks …) is edited as JSON in the advanced box and validated the same way.
 */
export const KIND_SPECS: Record<ProbeKindKey, KindSpec> = {
  ping: { config: PingProbeConfig, secrets: NoSecrets, fields: [HOST, num('count'), num('degradedLossPct'), DEGRADED], secretFields: [] },
  tcp: { config: TcpProbeConfig, secrets: NoSecrets, fields: [HOST, num('port', true), DEGRADED], secretFields: [] },
  http: {
    config: HttpProbeConfig,
    secrets: HttpProbeSecrets,
    fields: [text('url', true), select('method', HttpMethod.options), text('expectedStatus'), text('keyword'), select('keywordMode', ['present', 'absent']), num('maxRedirects'), bool('ignoreTls'), DEGRADED],
    secretFields: HTTP_SECRETS,
  },
  tls: { config: TlsProbeConfig, secrets: NoSecrets, fields: [HOST, num('port'), text('servername'), num('warnDays'), bool('ignoreVerification')], secretFields: [] },
  dns: { config: DnsProbeConfig, secrets: NoSecrets, fields: [text('name', true), select('recordType', DnsRecordType.options), text('server'), text('expected'), DEGRADED], secretFields: [] },
  fhir: { config: FhirProbeConfig, secrets: HttpProbeSecrets, fields: [text('baseUrl', true), text('expectedFhirVersion'), bool('ignoreTls'), DEGRADED], secretFields: HTTP_SECRETS },
  hl7: {
    config: Hl7ProbeConfig,
    secrets: NoSecrets,
    fields: [HOST, num('port'), text('receivingApplication'), text('receivingFacility'), text('messageType'), text('hl7Version'), select('processingId', ['P', 'T', 'D']), select('ackCharset', ['utf-8', 'gb18030']), DEGRADED],
    secretFields: [],
  },
  dicom: { config: DicomProbeConfig, secrets: NoSecrets, fields: [HOST, num('port'), text('calledAeTitle'), text('callingAeTitle'), DEGRADED], secretFields: [] },
  heartbeat: { config: HeartbeatConfig, secrets: NoSecrets, fields: [num('graceS')], secretFields: [] },
  postgres: { config: PostgresProbeConfig, secrets: SqlProbeSecrets, fields: [...SQL, select('ssl', SqlTlsMode.options), bool('readOnly')], secretFields: PASSWORD },
  mysql: { config: MysqlProbeConfig, secrets: SqlProbeSecrets, fields: [...SQL, select('ssl', SqlTlsMode.options), bool('readOnly')], secretFields: PASSWORD },
  sqlserver: {
    config: SqlserverProbeConfig,
    secrets: SqlProbeSecrets,
    fields: [...SQL, text('instanceName'), select('encrypt', ['off', 'on', 'strict']), bool('trustServerCertificate')],
    secretFields: PASSWORD,
  },
  dameng: { config: DamengProbeConfig, secrets: SqlProbeSecrets, fields: [HOST, num('port'), text('user', true), text('schema'), { name: 'query', type: 'textarea' }], secretFields: PASSWORD },
  snmp: {
    config: SnmpProbeConfig,
    secrets: SnmpProbeSecrets,
    fields: [
      HOST,
      num('port'),
      select('version', ['v2c', 'v3']),
      select('template', SNMP_TEMPLATE_NAMES),
      text('user'),
      select('securityLevel', ['noAuthNoPriv', 'authNoPriv', 'authPriv']),
      select('authProtocol', ['sha', 'sha256', 'md5']),
      select('privProtocol', ['aes', 'des']),
    ],
    secretFields: [
      { name: 'community', path: ['community'], type: 'password' },
      { name: 'authKey', path: ['authKey'], type: 'password' },
      { name: 'privKey', path: ['privKey'], type: 'password' },
    ],
  },
};

/** The kinds in the order the kind picker offers them: everyday checks first, then healthcare, databases, SNMP, push. */
export const KIND_ORDER: readonly ProbeKindKey[] = ['http', 'tcp', 'ping', 'tls', 'dns', 'fhir', 'hl7', 'dicom', 'postgres', 'mysql', 'sqlserver', 'dameng', 'snmp', 'heartbeat'];

/** SNMP v3 fields only matter for v3; v2c uses the community. */
export function isFieldShown(kind: ProbeKindKey, name: ConfigFieldName, config: Record<string, unknown>): boolean {
  if (kind !== 'snmp') return true;
  const isV3 = config.version === 'v3';
  if (['user', 'securityLevel', 'authProtocol', 'privProtocol', 'authKey', 'privKey'].includes(name)) return isV3;
  if (name === 'community') return !isV3;
  return true;
}

export type ConfigIssue = { path: string; message: string };

/** Empty inputs mean "not set" (the schema's default applies), not an empty string. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Splits a stored config into the hand-written fields and the rest, which the advanced JSON box shows. */
export function splitConfig(kind: ProbeKindKey, config: Record<string, unknown>): { fields: Record<string, unknown>; advanced: Record<string, unknown> } {
  const names = new Set<string>(KIND_SPECS[kind].fields.map((f) => f.name));
  const fields: Record<string, unknown> = {};
  const advanced: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) (names.has(key) ? fields : advanced)[key] = value;
  return { fields, advanced };
}

/**
 * The config to send: the advanced JSON with the hand-written fields on top (a field wins over the same key in
 * JSON). Returns the JSON's syntax error instead when it does not parse into an object.
 */
export function mergeConfig(kind: ProbeKindKey, fields: Record<string, unknown>, advancedJson: string): { config: Record<string, unknown> } | { jsonError: string } {
  let advanced: unknown = {};
  if (advancedJson.trim()) {
    try {
      advanced = JSON.parse(advancedJson);
    } catch (e) {
      return { jsonError: e instanceof Error ? e.message : String(e) };
    }
  }
  if (typeof advanced !== 'object' || advanced === null || Array.isArray(advanced)) return { jsonError: 'not a JSON object' };
  const config: Record<string, unknown> = { ...(advanced as Record<string, unknown>) };
  for (const field of KIND_SPECS[kind].fields) {
    const value = fields[field.name];
    if (!isEmpty(value)) config[field.name] = value;
    else if (field.name in fields) delete config[field.name];
  }
  return { config };
}

/** Checks a config with the kind's schema; each issue with its dotted path ("jsonPath.path", "checks.0.oid"). */
export function configIssues(kind: ProbeKindKey, config: Record<string, unknown>): ConfigIssue[] {
  const result = KIND_SPECS[kind].config.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The secrets object from the secret inputs (only the filled ones), or undefined when none was filled. */
export function buildSecrets(kind: ProbeKindKey, values: Partial<Record<string, string>>): Record<string, unknown> | undefined {
  const secrets: Record<string, unknown> = {};
  for (const field of KIND_SPECS[kind].secretFields) {
    const value = values[field.name];
    if (isEmpty(value)) continue;
    let target = secrets;
    field.path.slice(0, -1).forEach((key) => {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    });
    target[field.path.at(-1) ?? field.name] = value;
  }
  return Object.keys(secrets).length ? secrets : undefined;
}
