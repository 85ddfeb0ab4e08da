/**
 * Vocabulary of the Excel ledgers Chinese hospitals keep: asset kinds, the keywords that
 * name them in a device name, and the brands (Chinese and English spellings) that appear
 * in front of models. Pure data; used by name-model.ts and columns.ts.
 */

export const KIND_KEYS = [
  'server',
  'storage',
  'switch',
  'router',
  'firewall',
  'security_appliance',
  'ups',
  'precision_ac',
  'environment_monitor',
  'pdu',
  'kvm',
  'rack',
  'pc',
  'printer',
  'medical_device',
  'software_system',
  'interface',
  'network_line',
  'cloud_resource',
] as const;
export type KindKey = (typeof KIND_KEYS)[number];

/** Names as the built-in kinds (../kinds.builtin.ts) show them, so a 类别 typed from our templates maps back. */
export const KIND_LABELS: Record<KindKey, { zh: string; en: string }> = {
  server: { zh: '服务器', en: 'Server' },
  storage: { zh: '存储设备', en: 'Storage' },
  switch: { zh: '交换机', en: 'Switch' },
  router: { zh: '路由器', en: 'Router' },
  firewall: { zh: '防火墙', en: 'Firewall' },
  security_appliance: { zh: '安全设备', en: 'Security appliance' },
  ups: { zh: 'UPS', en: 'UPS' },
  precision_ac: { zh: '精密空调', en: 'Precision air conditioner' },
  environment_monitor: { zh: '动环监控', en: 'Environment monitor' },
  pdu: { zh: 'PDU', en: 'PDU' },
  kvm: { zh: 'KVM 切换器', en: 'KVM switch' },
  rack: { zh: '机柜', en: 'Rack' },
  pc: { zh: '终端（PC/瘦客户端/一体机）', en: 'Terminal (PC, thin client, all-in-one)' },
  printer: { zh: '打印机', en: 'Printer' },
  medical_device: { zh: '医疗设备', en: 'Medical device' },
  software_system: { zh: '应用系统', en: 'Software system' },
  interface: { zh: '接口', en: 'Interface' },
  network_line: { zh: '网络专线', en: 'Network line' },
  cloud_resource: { zh: '云资源', en: 'Cloud resource' },
};

/**
 * Keywords that name a kind inside free text. `weak` ones are generic (网络设备) or peripheral
 * (显示器 on an environment-monitor console) and only decide when nothing strong matches.
 * English keywords match as whole words (a digit may follow: "UPS5000", "IPS6515E").
 */
export const KIND_KEYWORDS: Array<{ kind: KindKey; words: string[]; weak?: boolean }> = [
  { kind: 'server', words: ['服务器', '刀片', '计算集群', '小型机', '计算节点'] },
  { kind: 'storage', words: ['存储', '磁盘阵列', '磁阵', '备份一体机', '磁带库', '带库', 'NAS'] },
  { kind: 'switch', words: ['交换机', '交换', '光交', '光纤收发器', '收发器'] },
  { kind: 'router', words: ['路由器', '路由', '负载均衡'] },
  { kind: 'firewall', words: ['防火墙'] },
  {
    kind: 'security_appliance',
    words: [
      '网闸', '堡垒机', 'IPS', 'IDS', 'WAF', '日志审计', '数据审计', '数据库审计', '审计', '漏扫', '漏洞扫描', '入侵检测', '入侵防御',
      '行为管理', '态势感知', '等保一体机', '防毒墙', '安全网关', '接入网关', '网关', '准入', '数据脱敏', '脱敏', '防统方', 'VPN',
    ],
  },
  { kind: 'ups', words: ['UPS', '不间断电源', '电池柜', '蓄电池', '电池组'] },
  { kind: 'precision_ac', words: ['精密空调', '空调'] },
  { kind: 'environment_monitor', words: ['动环', '动力环境', '环境监控', '温湿度', '漏水检测'] },
  { kind: 'pdu', words: ['PDU', '电源分配', '配电柜', '配电箱'] },
  { kind: 'kvm', words: ['KVM'] },
  { kind: 'rack', words: ['机柜'] },
  { kind: 'pc', words: ['电脑', '台式机', '瘦客户端', '云终端', '一体机', '笔记本', '工作站', '自助机', 'PC'] },
  { kind: 'printer', words: ['打印机', '条码打印机', '针式', '热敏', '标签机', '喷墨', '激光打印'] },
  {
    kind: 'medical_device',
    words: ['监护仪', '医疗设备', '呼吸机', '输液泵', '注射泵', '心电图机', '除颤仪', '麻醉机', '超声', '血气分析'],
  },
  {
    kind: 'software_system',
    words: [
      '信息系统', '管理系统', '应用系统', '管理软件', '服务系统', '服务平台', '业务系统', '数据交换', '防病毒',
      'HIS', 'EMR', 'LIS', 'PACS', 'RIS', 'CIS', 'HRP', 'PIS', 'OA', '手麻', '体检', '电子病历',
    ],
  },
  { kind: 'interface', words: ['接口'] },
  { kind: 'network_line', words: ['专线', '宽带', '互联网接入', '线路', '链路'] },
  { kind: 'cloud_resource', words: ['云主机', '虚拟机', '云服务器', '云硬盘', '云数据库', 'ECS', 'RDS'] },
  // weak: generic categories and peripherals
  { kind: 'switch', words: ['网络设备'], weak: true },
  { kind: 'security_appliance', words: ['安全设备'], weak: true },
  { kind: 'pc', words: ['显示器', '键鼠', '自助', '终端'], weak: true },
  { kind: 'rack', words: ['机架'], weak: true },
  { kind: 'printer', words: ['打印'], weak: true },
  { kind: 'software_system', words: ['平台', '软件', '网站'], weak: true },
];

/** Product lines that reveal the kind when the name carries no keyword ("惠普 LaserJet P1007"). */
export const MODEL_FAMILIES: Array<{ kind: KindKey; pattern: RegExp }> = [
  { kind: 'printer', pattern: /\b(LaserJet|OfficeJet|DeskJet|PIXMA|imageCLASS|ESC\/P2?|LQ-\d|DPL\d|HL-\d|DCP-\d|MFC-\d|LBP\d)/i },
  { kind: 'server', pattern: /\b(ProLiant|PowerEdge|ThinkSystem|ThinkServer|System ?x|PRIMERGY|[DM]L\d{3}|RH\d{4}|RD\d{3}|SR\d{3}|x3[68]50)/i },
  { kind: 'storage', pattern: /\b(OceanStor|Storwize|Unity|PowerVault|DAE\d)/i },
  { kind: 'switch', pattern: /^(S\d{4}|CE\d{4}|WS\d{4}|RG-S\d)/i },
  { kind: 'firewall', pattern: /^(USG\d|AF-\d|NSG\d|FortiGate)/i },
];

export interface BrandEntry {
  key: string;
  names: string[];
  defaultKind?: KindKey;
}

/** IT and medical brands seen in Chinese hospital ledgers; each spelling people type. */
export const BRANDS: BrandEntry[] = [
  { key: 'dell', names: ['戴尔', 'Dell', 'DellEMC'] },
  { key: 'hp', names: ['惠普', 'HP', 'Hewlett-Packard'] },
  { key: 'hpe', names: ['慧与', 'HPE'] },
  { key: 'lenovo', names: ['联想', 'Lenovo'] },
  { key: 'huawei', names: ['华为', 'Huawei'] },
  { key: 'xfusion', names: ['超聚变', 'xFusion'] },
  { key: 'h3c', names: ['新华三', '华三', 'H3C'] },
  { key: 'inspur', names: ['浪潮', 'Inspur'] },
  { key: 'sugon', names: ['中科曙光', '曙光', 'Sugon'] },
  { key: 'ruijie', names: ['锐捷', 'Ruijie'] },
  { key: 'zte', names: ['中兴', 'ZTE'] },
  { key: 'maipu', names: ['迈普', 'Maipu'] },
  { key: 'cisco', names: ['思科', 'Cisco'] },
  { key: 'ibm', names: ['IBM'] },
  { key: 'emc', names: ['易安信', 'EMC'] },
  { key: 'fujitsu', names: ['富士通', 'Fujitsu'] },
  { key: 'macrosan', names: ['宏杉', 'MacroSAN'] },
  { key: 'aishu', names: ['爱数', 'AISHU', 'Eisoo'] },
  { key: 'sangfor', names: ['深信服', 'Sangfor'], defaultKind: 'security_appliance' },
  { key: 'qianxin', names: ['奇安信', 'QiAnXin', 'QI-ANXIN'], defaultKind: 'security_appliance' },
  { key: 'legendsec', names: ['360网神', '网神', 'Legendsec'], defaultKind: 'security_appliance' },
  { key: 'venustech', names: ['启明星辰', 'Venustech'], defaultKind: 'security_appliance' },
  { key: 'topsec', names: ['天融信', 'Topsec'], defaultKind: 'security_appliance' },
  { key: 'nsfocus', names: ['绿盟', 'NSFOCUS'], defaultKind: 'security_appliance' },
  { key: 'hillstone', names: ['山石网科', 'Hillstone'], defaultKind: 'security_appliance' },
  { key: 'dbappsecurity', names: ['安恒', 'DBAPPSecurity'], defaultKind: 'security_appliance' },
  { key: 'leadsec', names: ['网御星云', '网御', 'Leadsec'], defaultKind: 'security_appliance' },
  { key: 'netpower', names: ['中科网威', 'NetPower'], defaultKind: 'security_appliance' },
  { key: 'anmeng', names: ['安盟华御'], defaultKind: 'security_appliance' },
  { key: 'dptech', names: ['迪普', 'DPtech'] },
  { key: 'asiainfo', names: ['亚信安全', '亚信', 'AsiaInfo'] },
  { key: 'fortinet', names: ['飞塔', 'Fortinet'], defaultKind: 'firewall' },
  { key: 'epson', names: ['爱普生', 'Epson'], defaultKind: 'printer' },
  { key: 'brother', names: ['兄弟', 'Brother'], defaultKind: 'printer' },
  { key: 'canon', names: ['佳能', 'Canon'], defaultKind: 'printer' },
  { key: 'zebra', names: ['斑马', 'Zebra'], defaultKind: 'printer' },
  { key: 'godex', names: ['科诚', 'Godex'], defaultKind: 'printer' },
  // "Cprinter" is how the 佳博 logo is often misread into ledgers
  { key: 'gprinter', names: ['佳博', 'Gprinter', 'Cprinter'], defaultKind: 'printer' },
  { key: 'dascom', names: ['得实', 'Dascom'], defaultKind: 'printer' },
  { key: 'pantum', names: ['奔图', 'Pantum'], defaultKind: 'printer' },
  { key: 'kelier', names: ['柯丽尔'], defaultKind: 'printer' },
  { key: 'ricoh', names: ['理光', 'Ricoh'], defaultKind: 'printer' },
  { key: 'kyocera', names: ['京瓷', 'Kyocera'], defaultKind: 'printer' },
  { key: 'datang', names: ['大唐卫士'], defaultKind: 'kvm' },
  { key: 'vertiv', names: ['维谛', '艾默生', 'Vertiv', 'Emerson'] },
  { key: 'santak', names: ['山特', 'Santak'], defaultKind: 'ups' },
  { key: 'kehua', names: ['科华', 'Kehua'], defaultKind: 'ups' },
  { key: 'schneider', names: ['施耐德', 'Schneider', 'APC'] },
  { key: 'mindray', names: ['迈瑞', 'Mindray'], defaultKind: 'medical_device' },
  { key: 'edan', names: ['理邦', 'Edan'], defaultKind: 'medical_device' },
  { key: 'philips', names: ['飞利浦', 'Philips'] },
  { key: 'hikvision', names: ['海康威视', '海康', 'Hikvision'] },
  { key: 'acer', names: ['宏碁', 'Acer'], defaultKind: 'pc' },
  { key: 'asus', names: ['华硕', 'ASUS'], defaultKind: 'pc' },
  { key: 'tongfang', names: ['清华同方', '同方', 'Tongfang'], defaultKind: 'pc' },
  { key: 'greatwall', names: ['中国长城', '长城', 'Great Wall'] },
  { key: 'sony', names: ['索尼', 'Sony'] },
];

/** Enumerations for the columns with a fixed vocabulary; `words` are what people type. */
export const WARRANTY_STATUS_WORDS: Record<'in' | 'out', string[]> = {
  in: ['保内', '在保', '保修期内', '维保期内', '未过保', '质保期内', '是', 'in'],
  out: ['过保', '脱保', '保外', '已过保', '出保', '超保', '否', 'out'],
};

export const IMPORTANCE_WORDS: Record<'core' | 'important' | 'general', string[]> = {
  core: ['核心', '关键', '非常重要', 'core', 'critical'],
  important: ['重要', 'important', 'high'],
  general: ['一般', '普通', '非核心', '次要', 'general', 'normal', 'low'],
};

export const STATUS_WORDS: Record<'in_use' | 'in_stock' | 'under_repair' | 'scrapped' | 'retired', string[]> = {
  in_use: ['在用', '使用中', '正常', '运行', '在线', '在运行', 'in_use', 'in use'],
  in_stock: ['库存', '在库', '闲置', '备用', '未使用', 'in_stock', 'in stock'],
  under_repair: ['维修', '维修中', '送修', '故障', 'under_repair', 'repair'],
  scrapped: ['报废', '已报废', 'scrapped'],
  retired: ['停用', '下线', '退役', '已停用', 'retired'],
};
