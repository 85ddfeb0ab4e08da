/**
 * Ready SLA policies taken from the seed tenders (/work/shared/seeds), named as the contracts name them.
 * Each level quotes its source; where a clause is open to more than one reading, the comment says which was chosen.
 * An organisation copies a template into its own policy and edits it; the templates themselves never change at runtime.
 */
import { SlaPolicy, type PriorityMatrix, type SlaPauseReason, type SlaPolicyInput } from '../../../../shared/schemas/sla.ts';

export interface SlaTemplate {
  key: string;
  /** Seed file and section the numbers come from. */
  seed: string;
  policy: SlaPolicy;
}

/** Pause states every template offers. Waiting for the requester (科室无人、用户改约) also holds the on-site visit. */
export const DEFAULT_PAUSE_REASONS: SlaPauseReason[] = [
  { key: 'awaiting_requester', name: '等待报修方', nameEn: 'waiting for the requester', stops: ['onSite', 'diagnosis', 'resolution'] },
  { key: 'awaiting_parts', name: '等待备件', nameEn: 'waiting for spare parts', stops: ['resolution'] },
];

const IMPACTS = [
  { key: 'wide', name: '全院或多科室', nameEn: 'Hospital-wide or several departments' },
  { key: 'department', name: '单科室或单系统', nameEn: 'One department or system' },
  { key: 'individual', name: '个人或单台设备', nameEn: 'One user or device' },
];
const URGENCIES = [
  { key: 'stopped', name: '业务中断', nameEn: 'Work stopped' },
  { key: 'impaired', name: '业务受影响', nameEn: 'Work impaired' },
  { key: 'unaffected', name: '不影响业务', nameEn: 'Work unaffected' },
];

/** A 3×3 impact × urgency matrix from rows of level keys (impact rows wide → individual, urgency columns stopped → unaffected). */
function matrix(rows: [string, string, string][]): PriorityMatrix {
  return {
    impacts: IMPACTS,
    urgencies: URGENCIES,
    cells: IMPACTS.flatMap((impact, i) => URGENCIES.map((urgency, u) => ({ impact: impact.key, urgency: urgency.key, level: rows[i]![u]! }))),
  };
}

function template(key: string, seed: string, input: SlaPolicyInput): SlaTemplate {
  return { key, seed, policy: SlaPolicy.parse(input) };
}

// 001 服务方式 2、驻场服务: “正常工作时间为每天 8:00 点-17:00 点，国家规定节假日休息除外 … 工作时间内故障响应时间不超过
// 60 分钟，到达现场时间不超过 2 小时，非工作时间故障响应不超过 2 小时，到达现场时间不超过 4 小时。”
// Working hours are the organisation's calendar (08:00–17:00, holidays and 调休 from the national calendar). Both
// bands are wall-clock minutes (clock '7x24'): the off-hours promise means someone is reachable outside 08:00–17:00,
// so an in-hours fault at 16:30 is due at 17:30, not the next morning. The band is chosen by the time the fault is
// reported. The contract sets no resolution time, so the resolution clock is not applicable.
const seed001 = template('seed001_resident', '001 服务方式 2、驻场服务', {
  name: '驻场运维服务',
  nameEn: 'Resident on-site operations',
  source: '001 服务方式 2、驻场服务',
  calendar: 'business',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    {
      key: 'fault',
      name: '故障报修',
      nameEn: 'Fault report',
      description: '医院信息系统遇到的各种硬件、软件方面的问题',
      clock: '7x24',
      targets: { response: 60, onSite: 120 },
      offHours: { response: 120, onSite: 240 },
    },
  ],
});

// 002 故障响应及处理服务: “5*8*2小时随时响应” and the table 不同故障级别的响应时间 (电话响应 30 分钟以内, 维护人员到现场
// 2 小时以内, 故障排除时间 到现场后 4 / 12 / 24 小时之内), measured on the 5×8 working calendar. Resolution counts from
// on-site arrival, as the table says (resolutionFrom 'on_site').
// 002 应急响应处理服务: the machine room's emergencies are round the clock: “5分钟内进行响应”, and for 一级/二级应急响应事件
// “到场时间不得大于1小时”.
const seed002 = template('seed002_maintenance', '002 故障响应及处理服务; 应急响应处理服务', {
  name: '区域医疗信息系统硬件维保',
  nameEn: 'Regional health information system hardware maintenance',
  source: '002 故障响应及处理服务（不同故障级别的响应时间）；应急响应处理服务',
  calendar: 'business',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    {
      key: 'emergency_1',
      name: '一级应急响应事件',
      nameEn: 'Level 1 emergency',
      description: '永和路机房核心系统故障，包括HIS、PACS等',
      clock: '7x24',
      targets: { response: 5, onSite: 60 },
    },
    {
      key: 'emergency_2',
      name: '二级应急响应事件',
      nameEn: 'Level 2 emergency',
      description: '永和路机房发生多区域信息系统故障或核心系统故障',
      clock: '7x24',
      targets: { response: 5, onSite: 60 },
    },
    {
      key: 'outage',
      name: '造成生产运行中断',
      nameEn: 'Production stopped',
      targets: { response: 30, onSite: 120, resolution: 240 },
      resolutionFrom: 'on_site',
    },
    {
      key: 'impaired',
      name: '影响生产运行，但生产运行不中断',
      nameEn: 'Production impaired, not stopped',
      targets: { response: 30, onSite: 120, resolution: 720 },
      resolutionFrom: 'on_site',
    },
    {
      key: 'minor',
      name: '不影响生产运行',
      nameEn: 'Production unaffected',
      targets: { response: 30, onSite: 120, resolution: 1440 },
      resolutionFrom: 'on_site',
    },
  ],
  priorityMatrix: matrix([
    ['emergency_1', 'impaired', 'minor'],
    ['outage', 'impaired', 'minor'],
    ['outage', 'impaired', 'minor'],
  ]),
});

// 003 应急响应要求: 7*24 support (售后服务要求 “7*24小时的技术支持”); for every fault “接到通知后30分钟之内响应，专业工程师
// 2小时内到达现场”, then per level: 一级 “1小时内确诊，总故障解决时间不超过4小时”; 二级 “2小时内确诊 … 总故障解决时间不超过
// 8小时” (its “4小时内由专家到达现场” is a second, looser visit; the stricter general 2 h on-site is kept); 三、四级
// “4小时内确诊故障，总故障解决时间不超过16小时”.
const seed003 = template('seed003_emergency', '003 应急响应要求', {
  name: '医院信息系统运维应急响应',
  nameEn: 'Hospital information system emergency response',
  source: '003 其他工作要求 应急响应要求',
  calendar: '7x24',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    { key: 'level1', name: '一级故障', nameEn: 'Level 1 fault', clock: '7x24', targets: { response: 30, onSite: 120, diagnosis: 60, resolution: 240 } },
    { key: 'level2', name: '二级故障', nameEn: 'Level 2 fault', clock: '7x24', targets: { response: 30, onSite: 120, diagnosis: 120, resolution: 480 } },
    { key: 'level3', name: '三级故障', nameEn: 'Level 3 fault', clock: '7x24', targets: { response: 30, onSite: 120, diagnosis: 240, resolution: 960 } },
    { key: 'level4', name: '四级故障', nameEn: 'Level 4 fault', clock: '7x24', targets: { response: 30, onSite: 120, diagnosis: 240, resolution: 960 } },
  ],
  priorityMatrix: matrix([
    ['level1', 'level2', 'level3'],
    ['level2', 'level3', 'level4'],
    ['level3', 'level4', 'level4'],
  ]),
});

const FAULT_MATRIX_4 = matrix([
  ['level1', 'level2', 'level3'],
  ['level2', 'level3', 'level4'],
  ['level3', 'level4', 'level4'],
]);

// 004 九、服务考核要求 (三) 2、量化考核指标 3）故障处置时效指标. “到场处置” / “启动处置” map to the on-site clock (hands on the
// fault, on site or remote); “恢复” / “处置反馈” to resolution. 一级 and 二级 are 7×24; 三级 and 四级 are measured in
// 工作时段 on the working calendar, and a 三级 fault reported outside it must be answered within 30 wall-clock minutes
// (“非工作时段30分钟内响应”), after which handling continues in working time.
const seed004Faults = template('seed004_faults', '004 九、服务考核要求 量化考核指标 3）故障处置时效指标', {
  name: '楚医云故障处置时效',
  nameEn: 'Medical cloud fault handling times',
  source: '004 九、服务考核要求 2、量化考核指标 3）故障处置时效指标',
  calendar: 'business',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    {
      key: 'level1',
      name: '一级故障',
      nameEn: 'Level 1 fault',
      description: '全域平台、核心集群、主干网络瘫痪，全域业务中断',
      clock: '7x24',
      // “1分钟接收告警，10分钟到场处置，30分钟内实现业务初步恢复”
      targets: { response: 1, onSite: 10, resolution: 30 },
    },
    {
      key: 'level2',
      name: '二级故障',
      nameEn: 'Level 2 fault',
      description: '区域集群、核心设备故障，局部业务中断',
      clock: '7x24',
      // “5分钟接报，20分钟启动处置，1小时内完成恢复”
      targets: { response: 5, onSite: 20, resolution: 60 },
    },
    {
      key: 'level3',
      name: '三级故障',
      nameEn: 'Level 3 fault',
      description: '单租户、单业务、非核心组件异常',
      // “工作时段5分钟响应、30分钟处置、2小时恢复；非工作时段30分钟内响应”
      targets: { response: 5, onSite: 30, resolution: 120 },
      offHours: { response: 30 },
    },
    {
      key: 'level4',
      name: '四级故障',
      nameEn: 'Level 4 fault',
      description: '性能告警、轻微异常、咨询问题',
      // “工作时段10分钟响应，4小时内处置反馈”
      targets: { response: 10, resolution: 240 },
    },
  ],
  priorityMatrix: FAULT_MATRIX_4,
});

// 004 九、服务考核要求 (一) 云服务工单处理及时率: “工作时间10分钟内响应医院需求视为及时，非工作时间20分钟内响应医院需求视为及时”
// (工单形式包含工单系统、企业微信群、电话等). Wall-clock in both bands, as for seed 001.
const seed004CloudTickets = template('seed004_cloud_tickets', '004 九、服务考核要求 云服务工单处理及时率', {
  name: '云服务工单及时率',
  nameEn: 'Cloud service ticket timeliness',
  source: '004 九、服务考核要求（一）云服务工单处理及时率',
  calendar: 'business',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    {
      key: 'cloud_ticket',
      name: '云服务工单',
      nameEn: 'Cloud service ticket',
      clock: '7x24',
      targets: { response: 10 },
      offHours: { response: 20 },
    },
  ],
});

// 004 九、服务考核要求 (一) 安全服务工单处理及时率 / 安全事件服务响及时率: 高危 “响应时限为2小时，需要现场解决的必须保证2小时内
// 到达现场”; 中危 “响应时限为12小时，需要远程定位、分析及处理完毕”; 低危 24 小时. Round the clock (security events).
const seed004Security = template('seed004_security', '004 九、服务考核要求 安全事件服务响及时率', {
  name: '安全事件响应',
  nameEn: 'Security event response',
  source: '004 九、服务考核要求（一）安全服务工单处理及时率',
  calendar: '7x24',
  pauseReasons: DEFAULT_PAUSE_REASONS,
  levels: [
    { key: 'high', name: '高危安全事件', nameEn: 'High-risk security event', clock: '7x24', targets: { response: 120, onSite: 120 } },
    { key: 'medium', name: '中危安全事件', nameEn: 'Medium-risk security event', clock: '7x24', targets: { response: 720, resolution: 720 } },
    { key: 'low', name: '低危安全事件', nameEn: 'Low-risk security event', clock: '7x24', targets: { response: 1440, resolution: 1440 } },
  ],
  priorityMatrix: matrix([
    ['high', 'high', 'medium'],
    ['high', 'medium', 'low'],
    ['medium', 'low', 'low'],
  ]),
});

export const SLA_TEMPLATES: readonly SlaTemplate[] = Object.freeze([
  seed001,
  seed002,
  seed003,
  seed004Faults,
  seed004CloudTickets,
  seed004Security,
]);

/** A deep copy of a template's policy, ready to edit and store; undefined for an unknown key. */
export function policyFromTemplate(key: string): SlaPolicy | undefined {
  const t = SLA_TEMPLATES.find((x) => x.key === key);
  return t ? structuredClone(t.policy) : undefined;
}
