import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertmanagerSourceConfig, GenericWebhookMapping } from '../../../shared/schemas/alerts-inbound.ts';
import { ZabbixIntegrationConfig, type AlertIntegration, type AlertIntegrationConfig, type AlertIntegrationKind } from '../../../shared/schemas/alerts.ts';
import { recordToRows, rowsToRecord, type KeyValueRow } from './alert-format.ts';

/** The JSON paths of a generic webhook mapping, in the order the editor shows them. */
export const MAPPING_PATHS = ['alerts', 'title', 'description', 'status', 'severity', 'dedupKey', 'labels', 'startsAt', 'endsAt', 'url', 'orgHint', 'assetHint'] as const;
export type MappingPath = (typeof MAPPING_PATHS)[number];

export type IntegrationFormValues = {
  orgId: string;
  name: string;
  kind: AlertIntegrationKind;
  isEnabled: boolean;
  alertmanager: { severityLabel: string; severityMap: KeyValueRow[]; defaultSeverity: AlertSeverity; orgLabels: string[]; assetLabels: string[] };
  zabbix: { severities: AlertSeverity[]; orgTags: string[] };
  webhook: Partial<Record<MappingPath, string>> & { statusMap: KeyValueRow[]; severityMap: KeyValueRow[]; defaultSeverity: AlertSeverity };
};

/** Every kind's options at their defaults, so switching kind in the form always has something sensible. */
export function newIntegrationValues(orgId: string): IntegrationFormValues {
  const am = AlertmanagerSourceConfig.parse({});
  const zb = ZabbixIntegrationConfig.parse({});
  return {
    orgId,
    name: '',
    kind: 'alertmanager',
    isEnabled: true,
    alertmanager: { ...am, severityMap: recordToRows(am.severityMap) },
    zabbix: { ...zb },
    webhook: { title: 'title', status: 'status', severity: 'severity', statusMap: [], severityMap: [], defaultSeverity: 'P3' },
  };
}

export function integrationToValues(i: AlertIntegration): IntegrationFormValues {
  const v = newIntegrationValues(i.orgId);
  v.name = i.name;
  v.kind = i.kind;
  v.isEnabled = i.isEnabled;
  const c = i.config;
  if (c.kind === 'alertmanager') v.alertmanager = { ...c.options, severityMap: recordToRows(c.options.severityMap) };
  if (c.kind === 'zabbix') v.zabbix = { ...c.options };
  if (c.kind === 'webhook') v.webhook = { ...c.options, statusMap: recordToRows(c.options.statusMap), severityMap: recordToRows(c.options.severityMap) };
  return v;
}

/** The chosen kind's options as the API takes them; blank paths are left out. */
export function toIntegrationConfig(v: IntegrationFormValues): AlertIntegrationConfig {
  if (v.kind === 'alertmanager') {
    const am = v.alertmanager;
    return { kind: 'alertmanager', options: { severityLabel: am.severityLabel?.trim() ?? '', severityMap: rowsToRecord(am.severityMap) as Record<string, AlertSeverity>, defaultSeverity: am.defaultSeverity, orgLabels: am.orgLabels ?? [], assetLabels: am.assetLabels ?? [] } };
  }
  if (v.kind === 'zabbix') return { kind: 'zabbix', options: { severities: v.zabbix.severities, orgTags: v.zabbix.orgTags ?? [] } };
  const wh = v.webhook;
  const paths: Partial<Record<MappingPath, string>> = {};
  for (const key of MAPPING_PATHS) {
    const value = wh[key]?.trim();
    if (value) paths[key] = value;
  }
  return {
    kind: 'webhook',
    options: {
      ...(paths as GenericWebhookMapping),
      statusMap: rowsToRecord(wh.statusMap) as GenericWebhookMapping['statusMap'],
      severityMap: rowsToRecord(wh.severityMap) as Record<string, AlertSeverity>,
      defaultSeverity: wh.defaultSeverity,
    },
  };
}

/** The form field of a config issue: options.title → webhook.title, a map entry → the map. */
export function integrationFieldOf(kind: AlertIntegrationKind, path: readonly PropertyKey[]): (string | number)[] | null {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (clean[0] === 'config') clean.shift();
  if (clean[0] !== 'options') return clean[0] === 'name' || clean[0] === 'orgId' ? [clean[0]] : null;
  const key = clean[1];
  return typeof key === 'string' ? [kind, key] : null;
}
