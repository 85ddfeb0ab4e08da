import type { AssetFieldDef, AssetKindCategory } from '../../../shared/schemas/assets.ts';

export interface BuiltinKind {
  key: string;
  name: string;
  nameEn: string;
  category: AssetKindCategory;
  codePrefix: string;
  fields: AssetFieldDef[];
}

type Opt = [value: string, label: string, labelEn: string];
const options = (...o: Opt[]) => o.map(([value, label, labelEn]) => ({ value, label, labelEn }));
const text = (key: string, label: string, labelEn: string, extra: Partial<AssetFieldDef> = {}): AssetFieldDef => ({ key, label, labelEn, type: 'text', ...extra });
const int = (key: string, label: string, labelEn: string, unit?: string): AssetFieldDef => ({ key, label, labelEn, type: 'integer', ...(unit ? { unit } : {}) });
const num = (key: string, label: string, labelEn: string, unit?: string): AssetFieldDef => ({ key, label, labelEn, type: 'number', ...(unit ? { unit } : {}) });
const bool = (key: string, label: string, labelEn: string): AssetFieldDef => ({ key, label, labelEn, type: 'boolean' });
const date = (key: string, label: string, labelEn: string): AssetFieldDef => ({ key, label, labelEn, type: 'date' });
const month = (key: string, label: string, labelEn: string): AssetFieldDef => ({ key, label, labelEn, type: 'month' });
const choice = (key: string, label: string, labelEn: string, ...o: Opt[]): AssetFieldDef => ({ key, label, labelEn, type: 'enum', options: options(...o) });

const portCount = int('portCount', '端口数', 'Ports');
const licenseEndsOn = date('licenseEndsOn', '授权到期', 'Licence ends');

/**
 * The kinds every ledger needs (seed 001 §8–9, seed 002 硬件维保设备清单). They are code: ensureBuiltinAssetKinds
 * brings names and built-in fields up to date at every start and keeps the custom fields administrators added.
 */
export const BUILTIN_ASSET_KINDS: readonly BuiltinKind[] = [
  {
    key: 'server', name: '服务器', nameEn: 'Server', category: 'compute', codePrefix: 'SRV',
    fields: [
      choice('formFactor', '形态', 'Form factor', ['rack', '机架式', 'Rack'], ['tower', '塔式', 'Tower'], ['blade', '刀片', 'Blade'], ['high_density', '高密度', 'High density']),
      int('cpuCount', 'CPU 数量', 'CPU sockets'), int('memoryGb', '内存', 'Memory', 'GB'), text('storageSummary', '硬盘配置', 'Disks'), int('powerSupplies', '电源数量', 'Power supplies'),
    ],
  },
  {
    key: 'storage', name: '存储设备', nameEn: 'Storage', category: 'storage', codePrefix: 'STO',
    fields: [
      choice('storageType', '存储类型', 'Storage type', ['san', 'SAN 存储', 'SAN'], ['nas', 'NAS', 'NAS'], ['distributed', '分布式存储', 'Distributed'], ['tape', '磁带库', 'Tape library'], ['backup_appliance', '备份一体机', 'Backup appliance']),
      num('rawCapacityTb', '裸容量', 'Raw capacity', 'TB'), num('usableCapacityTb', '可用容量', 'Usable capacity', 'TB'), int('diskCount', '硬盘数', 'Disks'), text('raidLevel', 'RAID 级别', 'RAID level'),
    ],
  },
  {
    key: 'switch', name: '交换机', nameEn: 'Switch', category: 'network', codePrefix: 'SW',
    fields: [
      choice('switchRole', '交换机类型', 'Role', ['core', '核心', 'Core'], ['aggregation', '汇聚', 'Aggregation'], ['access', '接入', 'Access'], ['san', 'SAN 光纤交换机', 'SAN (Fibre Channel)']),
      choice('layer', '层级', 'Layer', ['l2', '二层', 'Layer 2'], ['l3', '三层', 'Layer 3']),
      portCount,
    ],
  },
  { key: 'router', name: '路由器', nameEn: 'Router', category: 'network', codePrefix: 'RT', fields: [portCount, text('wanLinks', '上联线路', 'WAN links')] },
  { key: 'firewall', name: '防火墙', nameEn: 'Firewall', category: 'security', codePrefix: 'FW', fields: [int('throughputMbps', '吞吐量', 'Throughput', 'Mbps'), licenseEndsOn] },
  {
    key: 'security_appliance', name: '安全设备', nameEn: 'Security appliance', category: 'security', codePrefix: 'SEC',
    fields: [
      choice('applianceType', '设备类型', 'Type', ['ips', '入侵防御', 'IPS'], ['ids', '入侵检测', 'IDS'], ['waf', 'Web 应用防火墙', 'WAF'], ['bastion', '堡垒机', 'Bastion host'], ['db_audit', '数据库审计', 'Database audit'], ['log_audit', '日志审计', 'Log audit'], ['antivirus', '防病毒网关', 'Antivirus gateway'], ['vpn', 'VPN', 'VPN'], ['gatekeeper', '网闸', 'Gatekeeper'], ['other', '其他', 'Other']),
      licenseEndsOn,
    ],
  },
  { key: 'ups', name: 'UPS', nameEn: 'UPS', category: 'facility', codePrefix: 'UPS', fields: [num('capacityKva', '容量', 'Capacity', 'kVA'), int('batteryCount', '电池数量', 'Batteries'), month('batteryMonth', '电池启用年月', 'Batteries installed'), int('backupMinutes', '后备时间', 'Runtime', 'min')] },
  { key: 'precision_ac', name: '精密空调', nameEn: 'Precision air conditioner', category: 'facility', codePrefix: 'AC', fields: [num('coolingKw', '制冷量', 'Cooling capacity', 'kW'), text('refrigerant', '制冷剂', 'Refrigerant')] },
  { key: 'environment_monitor', name: '动环监控', nameEn: 'Environment monitor', category: 'facility', codePrefix: 'ENV', fields: [int('pointCount', '监控点数', 'Monitored points'), text('sensors', '传感器', 'Sensors')] },
  { key: 'pdu', name: 'PDU', nameEn: 'PDU', category: 'facility', codePrefix: 'PDU', fields: [int('outletCount', '插座数', 'Outlets'), num('ratedCurrentA', '额定电流', 'Rated current', 'A'), bool('isMetered', '带计量', 'Metered')] },
  { key: 'kvm', name: 'KVM 切换器', nameEn: 'KVM switch', category: 'facility', codePrefix: 'KVM', fields: [portCount] },
  { key: 'rack', name: '机柜', nameEn: 'Rack', category: 'facility', codePrefix: 'RACK', fields: [int('units', '高度', 'Height', 'U'), num('ratedPowerKw', '额定功率', 'Rated power', 'kW')] },
  {
    key: 'pc', name: '终端（PC/瘦客户端/一体机）', nameEn: 'Terminal (PC, thin client, all-in-one)', category: 'terminal', codePrefix: 'PC',
    fields: [choice('terminalType', '终端类型', 'Type', ['desktop', '台式机', 'Desktop'], ['thin_client', '瘦客户端', 'Thin client'], ['all_in_one', '一体机', 'All-in-one'], ['laptop', '笔记本', 'Laptop']), text('monitor', '显示器', 'Monitor')],
  },
  {
    key: 'printer', name: '打印机', nameEn: 'Printer', category: 'terminal', codePrefix: 'PRN',
    fields: [
      choice('printerType', '打印机类型', 'Type', ['laser', '激光', 'Laser'], ['inkjet', '喷墨', 'Inkjet'], ['dot_matrix', '针式', 'Dot matrix'], ['label', '标签', 'Label'], ['wristband', '腕带', 'Wristband'], ['thermal', '热敏', 'Thermal']),
      bool('isNetworked', '网络打印', 'Networked'),
    ],
  },
  { key: 'medical_device', name: '医疗设备', nameEn: 'Medical device', category: 'medical', codePrefix: 'MED', fields: [text('deviceType', '设备类别', 'Device type'), text('registrationNumber', '注册证号', 'Registration number'), bool('isNetworked', '联网', 'Networked')] },
  {
    key: 'software_system', name: '应用系统', nameEn: 'Software system', category: 'software', codePrefix: 'APP',
    fields: [
      choice('systemType', '系统类别', 'System type', ['his', 'HIS 医院信息系统', 'HIS'], ['emr', 'EMR 电子病历', 'EMR'], ['lis', 'LIS 检验', 'LIS'], ['pacs', 'PACS 影像', 'PACS'], ['ris', 'RIS 放射', 'RIS'], ['anesthesia', '手麻系统', 'Anaesthesia (AIMS)'], ['peis', '体检系统', 'Health check (PEIS)'], ['nis', '护理系统', 'Nursing (NIS)'], ['hrp', 'HRP', 'HRP'], ['platform', '集成平台/数据中心', 'Integration platform'], ['regional', '区域平台', 'Regional platform'], ['oa', 'OA', 'OA'], ['other', '其他', 'Other']),
      text('vendor', '开发厂商', 'Developer'), text('version', '版本', 'Version'), bool('isCore', '核心系统', 'Core system'),
      choice('dengbaoLevel', '等保级别', 'MLPS (等保) level', ['1', '一级', 'Level 1'], ['2', '二级', 'Level 2'], ['3', '三级', 'Level 3'], ['4', '四级', 'Level 4']),
    ],
  },
  {
    // The two systems an interface links are 'connects' relations from the interface to each system.
    key: 'interface', name: '接口', nameEn: 'Interface', category: 'interface', codePrefix: 'IF',
    fields: [
      choice('protocol', '协议', 'Protocol', ['hl7v2', 'HL7 v2/MLLP', 'HL7 v2/MLLP'], ['soap', 'WebService/SOAP', 'WebService/SOAP'], ['rest', 'REST/FHIR', 'REST/FHIR'], ['db_view', '数据库视图', 'Database view'], ['file', '文件', 'File'], ['mq', '消息队列', 'Message queue']),
      choice('direction', '方向', 'Direction', ['one_way', '单向', 'One way'], ['two_way', '双向', 'Two way']),
      text('schedule', '频率', 'Schedule'),
    ],
  },
  {
    key: 'network_line', name: '网络专线', nameEn: 'Network line', category: 'network', codePrefix: 'LINE',
    fields: [
      choice('carrier', '运营商', 'Carrier', ['telecom', '中国电信', 'China Telecom'], ['unicom', '中国联通', 'China Unicom'], ['mobile', '中国移动', 'China Mobile'], ['broadnet', '中国广电', 'China Broadnet'], ['other', '其他', 'Other']),
      int('bandwidthMbps', '带宽', 'Bandwidth', 'Mbps'), text('circuitId', '专线号', 'Circuit ID'),
    ],
  },
  {
    key: 'cloud_resource', name: '云资源', nameEn: 'Cloud resource', category: 'cloud', codePrefix: 'CLD',
    fields: [
      choice('resourceType', '资源类型', 'Resource type', ['vm', '云主机', 'Virtual machine'], ['disk', '云硬盘', 'Disk'], ['database', '数据库实例', 'Database instance'], ['object_storage', '对象存储', 'Object storage'], ['other', '其他', 'Other']),
      int('vcpu', 'vCPU', 'vCPU'), num('memoryGb', '内存', 'Memory', 'GB'), num('diskGb', '磁盘', 'Disk', 'GB'), text('provider', '云平台', 'Platform'),
    ],
  },
];

export const BUILTIN_KIND_BY_KEY: ReadonlyMap<string, BuiltinKind> = new Map(BUILTIN_ASSET_KINDS.map((k) => [k.key, k]));
