// Real-looking inbound payloads, shaped after what the senders post (Alertmanager 0.27 webhook_config, our Zabbix media
// type on Zabbix 6.0, a vendor "智能运维" box posting its own JSON). Host names and IPs are made up.

/** Alertmanager, payload version 4: two firing alerts of one group (org SZRMYY), one with Go's zero endsAt. */
export const alertmanagerFiring = {
  receiver: 'yiwei',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HisDatabaseDown', instance: '10.12.3.21:9104', job: 'mysqld', org: 'SZRMYY', severity: 'critical', system: 'HIS' },
      annotations: {
        summary: 'HIS 数据库 10.12.3.21 不可达',
        description: 'mysql_up == 0 已持续 1 分钟，门诊挂号与收费将受影响。',
        runbook_url: 'https://wiki.his.local/runbooks/mysql-down',
      },
      startsAt: '2026-10-01T00:31:07.123456789Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.his.local:9090/graph?g0.expr=mysql_up+%3D%3D+0&g0.tab=1',
      fingerprint: '3020334a11698fa6',
    },
    {
      status: 'firing',
      labels: { alertname: 'PacsDiskAlmostFull', device: '/dev/sdb1', instance: 'pacs-store-02:9100', job: 'node', mountpoint: '/data', org: 'SZRMYY', severity: 'warning', system: 'PACS' },
      annotations: { summary: 'PACS 存储 /data 剩余空间不足 10%', description: '按当前写入速度预计 36 小时后写满。' },
      // Prometheus-sourced alerts carry an expiry guess in endsAt while they fire.
      startsAt: '2026-10-01T08:29:37.5+08:00',
      endsAt: '2026-10-01T08:33:37.5+08:00',
      generatorURL: 'http://prometheus.his.local:9090/graph?g0.expr=node_filesystem_avail_bytes&g0.tab=1',
      fingerprint: '8a51f6f4b2f9ec03',
    },
  ],
  groupLabels: { org: 'SZRMYY' },
  commonLabels: { org: 'SZRMYY' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.his.local:9093',
  version: '4',
  groupKey: '{}:{org="SZRMYY"}',
  truncatedAlerts: 0,
};

/** The same group after the database came back; one alert resolved, and an older sender without fingerprint. */
export const alertmanagerResolved = {
  receiver: 'yiwei',
  status: 'resolved',
  alerts: [
    {
      status: 'resolved',
      labels: { alertname: 'HisDatabaseDown', instance: '10.12.3.21:9104', job: 'mysqld', org: 'SZRMYY', severity: 'critical', system: 'HIS' },
      annotations: { summary: 'HIS 数据库 10.12.3.21 不可达' },
      startsAt: '2026-10-01T00:31:07.123456789Z',
      endsAt: '2026-10-01T00:44:52.987Z',
      generatorURL: 'http://prometheus.his.local:9090/graph?g0.expr=mysql_up+%3D%3D+0&g0.tab=1',
    },
  ],
  groupLabels: { org: 'SZRMYY' },
  commonLabels: { alertname: 'HisDatabaseDown', org: 'SZRMYY' },
  commonAnnotations: { summary: 'HIS 数据库 10.12.3.21 不可达' },
  externalURL: 'http://alertmanager.his.local:9093',
  version: '4',
  groupKey: '{}:{org="SZRMYY"}',
  truncatedAlerts: 2,
  // A field a future Alertmanager might add: tolerated.
  groupedBy: ['org'],
};

/** Media-type parameters as Zabbix 6.0 resolves them for a problem notification (values are always strings). */
export const zabbixProblemParams: Record<string, string> = {
  yiwei_url: 'https://yiwei.example.cn/api/alerts/inbound/zabbix',
  token: 'yw_test_token_123',
  event_id: '4711',
  event_recovery_id: '{EVENT.RECOVERY.ID}',
  event_value: '1',
  event_update_status: '0',
  event_update_action: '',
  event_update_message: '',
  event_source: '0',
  event_name: 'LIS 接口服务 lis-gw-01 端口 8080 不可用',
  event_nseverity: '4',
  event_opdata: 'net.tcp.service[tcp,,8080]: 0',
  event_tags_json: '[{"tag":"scope","value":"availability"},{"tag":"service","value":"LIS"},{"tag":"service","value":"HL7"},{"tag":"org","value":"SZRMYY"}]',
  event_date: '2026.10.01',
  event_time: '08:30:05',
  event_recovery_date: '{EVENT.RECOVERY.DATE}',
  event_recovery_time: '{EVENT.RECOVERY.TIME}',
  trigger_id: '23001',
  trigger_description: '检验系统 HL7 网关端口无响应',
  host_host: 'lis-gw-01',
  host_name: 'LIS 网关 01',
  host_ip: '10.12.8.15',
  zabbix_url: 'https://zabbix.his.local/',
  time_zone_offset: '+08:00',
  http_proxy: '',
};

/** The recovery of that problem: {EVENT.ID} is still the problem's ID; the recovery has its own. */
export const zabbixRecoveryParams: Record<string, string> = {
  ...zabbixProblemParams,
  event_recovery_id: '4790',
  event_value: '0',
  event_recovery_date: '2026.10.01',
  event_recovery_time: '08:42:31',
};

/** A vendor box posting its own JSON; paths and words differ from everything above. */
export const vendorWebhook = {
  code: 0,
  data: {
    events: [
      { id: 'EV-20261001-0007', level: 'CRITICAL', state: 'ALARM', subject: '机房 UPS 市电中断', detail: 'UPS-2 切换到电池供电', tags: { room: '3F-机房', rack: 'A05', vendor: 'APC', load: 42 }, time: 1791160200, device: { ip: '10.12.0.9' } },
      { id: 'EV-20261001-0008', level: 'minor', state: 'RECOVER', subject: '精密空调回风温度', detail: '回风温度恢复正常', tags: { room: '3F-机房' }, time: '2026-10-01T08:35:00+08:00', end: '2026-10-01T08:41:00+08:00', device: { ip: '10.12.0.11' } },
    ],
  },
};
