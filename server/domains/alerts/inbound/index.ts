// Public surface of the inbound normalisers: the alert store and the inbound routes import from here only.
export { normaliseAlertmanager, AlertmanagerPayload, type AlertmanagerResult } from './alertmanager.ts';
export { normaliseZabbix, ZabbixPayload, ZABBIX_SEVERITIES, type ZabbixSourceOptions } from './zabbix.ts';
export { normaliseGenericWebhook, readPath } from './generic.ts';
export { labelFingerprint, type PayloadIssue } from './inbound-helpers.ts';
