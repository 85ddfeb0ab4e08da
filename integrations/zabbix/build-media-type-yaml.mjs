import { readFileSync, writeFileSync } from 'node:fs';
// Regenerates yiwei-media-type.yaml (Zabbix 6.0 import format) from yiwei-media-type.js: node integrations/zabbix/build-media-type-yaml.mjs
// A test in server/domains/alerts/inbound/zabbix.test.ts fails when the two drift apart.
const dir = new URL('./', import.meta.url).pathname;
const script = readFileSync(dir + 'yiwei-media-type.js', 'utf8');
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const params = [
  ['event_date', '{EVENT.DATE}'],
  ['event_id', '{EVENT.ID}'],
  ['event_name', '{EVENT.NAME}'],
  ['event_nseverity', '{EVENT.NSEVERITY}'],
  ['event_opdata', '{EVENT.OPDATA}'],
  ['event_recovery_date', '{EVENT.RECOVERY.DATE}'],
  ['event_recovery_id', '{EVENT.RECOVERY.ID}'],
  ['event_recovery_time', '{EVENT.RECOVERY.TIME}'],
  ['event_source', '{EVENT.SOURCE}'],
  ['event_tags_json', '{EVENT.TAGSJSON}'],
  ['event_time', '{EVENT.TIME}'],
  ['event_update_action', '{EVENT.UPDATE.ACTION}'],
  ['event_update_message', '{EVENT.UPDATE.MESSAGE}'],
  ['event_update_status', '{EVENT.UPDATE.STATUS}'],
  ['event_value', '{EVENT.VALUE}'],
  ['host_host', '{HOST.HOST}'],
  ['host_ip', '{HOST.IP}'],
  ['host_name', '{HOST.NAME}'],
  ['http_proxy', ''],
  ['time_zone_offset', '+08:00'],
  ['token', '{ALERT.SENDTO}'],
  ['trigger_description', '{TRIGGER.DESCRIPTION}'],
  ['trigger_id', '{TRIGGER.ID}'],
  ['yiwei_url', 'https://yiwei.example.cn/api/alerts/inbound/<integration id>'],
  ['zabbix_url', '{$ZABBIX.URL}'],
];
const indent = (text, n) => text.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : ' '.repeat(n) + l)).join('\n');
const description = `Sends Zabbix trigger problems, updates and recoveries to yiwei (医维).
1. Set "yiwei_url" to https://<yiwei>/api/alerts/inbound/<integration id> (shown on yiwei's 告警接入 page).
2. Set the global macro {$ZABBIX.URL} to the Zabbix frontend URL (for the event link).
3. Set "time_zone_offset" to the Zabbix server's UTC offset (+08:00 in mainland China).
4. Give a Zabbix user this media with "Send to" = a yiwei API token, and add the user to a trigger action.
See integrations/zabbix/README.md in the yiwei repository.`;
const tpl = (mode, subject, message) => `        -
          event_source: TRIGGERS
          operation_mode: ${mode}
          subject: ${q(subject)}
          message: |
${indent(message, 12)}`;
const yaml = `zabbix_export:
  version: '6.0'
  date: '2026-11-22T00:00:00Z'
  media_types:
    -
      name: yiwei
      type: WEBHOOK
      parameters:
${params.map(([n, v]) => `        -\n          name: ${n}${v === '' ? '' : `\n          value: ${q(v)}`}`).join('\n')}
      script: |
${indent(script, 8)}
      timeout: 10s
      description: |
${indent(description, 8)}
      message_templates:
${tpl('PROBLEM', 'Problem: {EVENT.NAME}', 'Problem started at {EVENT.TIME} on {EVENT.DATE}\nProblem name: {EVENT.NAME}\nHost: {HOST.NAME}\nSeverity: {EVENT.SEVERITY}\nOriginal problem ID: {EVENT.ID}\n')}
${tpl('RECOVERY', 'Resolved in {EVENT.DURATION}: {EVENT.NAME}', 'Problem has been resolved at {EVENT.RECOVERY.TIME} on {EVENT.RECOVERY.DATE}\nProblem name: {EVENT.NAME}\nHost: {HOST.NAME}\nOriginal problem ID: {EVENT.ID}\n')}
${tpl('UPDATE', 'Updated problem in {EVENT.AGE}: {EVENT.NAME}', '{USER.FULLNAME} {EVENT.UPDATE.ACTION} problem at {EVENT.UPDATE.DATE} {EVENT.UPDATE.TIME}.\n{EVENT.UPDATE.MESSAGE}\n')}
`;
writeFileSync(dir + 'yiwei-media-type.yaml', yaml);
