import { describe, expect, it } from 'vitest';
import { mapColumns } from './columns.ts';
import {
  readFixture,
  seed001DepartmentXlsx,
  seed001HardwareXlsx,
  seed001SoftwareXlsx,
  seed002AsInDocumentXlsx,
  seed002Xlsx,
} from './fixtures/workbooks.ts';
import { SEED001_DEPARTMENT, SEED001_HARDWARE, SEED001_INTERFACES, SEED001_SOFTWARE, SEED002_MAINTENANCE } from './fixtures/seed-tables.ts';
import { normalizeRows, type NormalizedRow, type NormalizeOptions } from './normalize.ts';
import { readLedgerFile } from './read-workbook.ts';

// seed 002 is a maintenance tender for the service year starting 2022-11-01
const TODAY = '2022-11-01';

async function importFile(buf: Buffer, fileName: string, options: NormalizeOptions = {}) {
  const file = await readLedgerFile(buf, fileName);
  return file.sheets.map((sheet) => ({ sheet, ...normalizeRows(sheet, mapColumns(sheet.headers).mapping, { today: TODAY, ...options }) }));
}

/** name|brand|model|quantity|unit|kind */
const brief = (r: NormalizedRow) => [r.values.name, r.values.brand ?? '', r.values.model ?? '', r.values.quantity, r.values.unit ?? '', r.values.kindKey ?? ''].join('|');
const byName = (rows: NormalizedRow[], name: string) => {
  const row = rows.find((r) => r.values.name === name);
  if (!row) throw new Error(`no row named ${name}`);
  return row;
};

describe('seed 001 §8 医院硬件运维设备统计表', async () => {
  const [result] = await importFile(await seed001HardwareXlsx(), '硬件运维设备统计表.xlsx');
  const rows = result?.rows ?? [];

  it('lands every row, with brand, model, quantity, unit and kind', () => {
    expect(rows).toHaveLength(SEED001_HARDWARE.length);
    expect(rows.map(brief)).toEqual([
      '机房动力环境监控机箱|||1|台|environment_monitor',
      '机房动力环境监控主机|||1|台|environment_monitor',
      '爱数E6010备份一体机|爱数|E6010|1|台|storage',
      '深信服SdSec-1000-A600等保一体机|深信服|SdSec-1000-A600|1|台|security_appliance',
      '戴尔R740服务器|戴尔|R740|2|台|server',
      'HP ProLiant DL388 Gen8服务器|HP|ProLiant DL388 Gen8|2|台|server',
      'HP ProLiant DL580 G7服务器|HP|ProLiant DL580 G7|1|台|server',
      '大唐卫士DL7732-B KVM|大唐卫士|DL7732-B|1|台|kvm',
      '华为OceanStor S2600T存储|华为|OceanStor S2600T|2|台|storage',
      '华为DAE12435U3存储|华为|DAE12435U3|1|台|storage',
      '华为DAE12435U4存储|华为|DAE12435U4|1|台|storage',
      '华为RH2288 V3服务器|华为|RH2288 V3|4|台|server',
      '防统方服务器|||1|台|server',
      '华为OceanStor SNS2124存储光交换|华为|OceanStor SNS2124|2|台|switch',
      '华为DAE22525U2存储|华为|DAE22525U2|2|台|storage',
      '华为DAE22435U4存储|华为|DAE22435U4|2|台|storage',
      '华为OceanStor 5500 V3存储|华为|OceanStor 5500 V3|1|台|storage',
      '华为E9000计算集群|华为|E9000|1|组|server',
      '瘦客户端|||600|台|pc',
      'SYN4505A型授时服务器||SYN4505A|1|台|server',
      'IBM Storwize V3700存储|IBM|Storwize V3700|2|台|storage',
      '联想System X 3650 M5服务器|联想|System X 3650 M5|3|台|server',
      '联想System x 3850 X6服务器|联想|System x 3850 X6|4|台|server',
      '联想RS160服务器|联想|RS160|1|台|server',
      '联想RS140服务器|联想|RS140|1|台|server',
      'GTIVIA-1000通软内控服务器||GTIVIA-1000|1|台|server',
      '华为S5720S-52X-SI-AC交换机|华为|S5720S-52X-SI-AC|26|台|switch',
      '深信服DAS-1000 A620数据审计|深信服|DAS-1000 A620|1|台|security_appliance',
      '深信服AF-1000 FA40防火墙|深信服|AF-1000 FA40|4|台|firewall',
      '深信服AF-1000 D420防火墙|深信服|AF-1000 D420|1|台|firewall',
      '深信服AC-1000 D420行为管理|深信服|AC-1000 D420|1|台|security_appliance',
      '华为Secospace USC6000接入网关|华为|Secospace USC6000|1|台|security_appliance',
      '山石网科Hillstone SG-6000-E3965防毒墙|山石网科 Hillstone|SG-6000-E3965|2|台|security_appliance',
      '安盟华御 SU-GAP3000-HPH7网闸|安盟华御|SU-GAP3000-HPH7|2|台|security_appliance',
      '华为Quidway S7706核心交换机|华为|Quidway S7706|2|台|switch',
      '联想SR588服务器|联想|SR588|3|台|server',
      '华为H22H-03服务器|华为|H22H-03|2|台|server',
      '机柜电源分配箱|||2|台|pdu',
      '16槽光纤收发器机架|||41|台|switch',
      '华为S5720-36C-EI-28S交换机|华为|S5720-36C-EI-28S|1|台|switch',
      'H3C WS5800 Series交换机|H3C|WS5800 Series|1|台|switch',
      'H3C SecPath F100-S-G2防火墙|H3C|SecPath F100-S-G2|1|台|firewall',
      '机柜|||12|台|rack',
      'UPS5000-A-30KTTL不间断电源||UPS5000-A-30KTTL|1|台|ups',
      '电池柜|||3|台|ups',
      '配电柜|||2|台|pdu',
      'CyberMate512PIU1A精密空调||CyberMate512PIU1A|2|台|precision_ac',
      'KFR-72LW/09YBA13空调||KFR-72LW/09YBA13|1|台|precision_ac',
      'BGDR-42机房动力环境监控显示器||BGDR-42|1|台|environment_monitor',
      '自助机|||15|台|pc',
      '防雷系统|||1|台|',
      'UPS系统(200KVA)不间断电源|||1|台|ups',
      'UPS系统(10KVA)不间断电源|||1|台|ups',
      '亚信虚拟化防病毒|亚信||1|套|software_system',
      '防病毒系统|||1|套|software_system',
      'NTP子钟|||31|台|',
      'HP ProLiant ML310e Gen8 v2服务器|HP|ProLiant ML310e Gen8 v2|1|台|server',
      '病理系统自助报告机|||1|台|pc',
      '华为50T存储|华为|50T|1|台|storage',
      '华为2288服务器|华为|2288|3|台|server',
      '核心交换机HUAWEI S6735-S48X6C|HUAWEI|S6735-S48X6C|1|台|switch',
      '接入交换HUAWEI S6735-S48X6C|HUAWEI|S6735-S48X6C|1|台|switch',
      '显示器|||39|台|pc',
      '一体机|||51|台|pc',
      '键鼠套装|||617|套|pc',
      '科室互联网接入|||124|条|network_line',
    ]);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(result?.skipped).toEqual([]);
  });

  it('keeps the Excel row numbers and totals the quantities', () => {
    expect(rows[0]?.rowNumber).toBe(3);
    expect(rows.at(-1)?.rowNumber).toBe(3 + 66 - 1 + 3);
    expect(rows.reduce((n, r) => n + r.values.quantity, 0)).toBe(SEED001_HARDWARE.reduce((n, [, q]) => n + Number.parseInt(q, 10), 0));
    expect(rows.filter((r) => r.values.unit === '台')).toHaveLength(61);
  });

  it('puts remarks in parentheses into notes', () => {
    expect(byName(rows, '华为E9000计算集群').values).toMatchObject({ quantity: 1, unit: '组', notes: '含13台刀片服务器' });
    expect(byName(rows, 'NTP子钟').values).toMatchObject({ quantity: 31, notes: '新增4台' });
  });

  it('asks the user about the kinds it cannot tell, unless a default is given', async () => {
    const unknown = rows.filter((r) => !r.values.kindKey).map((r) => r.values.name);
    expect(unknown).toEqual(['防雷系统', 'NTP子钟']);
    expect(byName(rows, '防雷系统').warnings).toEqual(['无法从名称判断设备类型，请在预览中选择']);
    const [withDefault] = await importFile(await seed001HardwareXlsx(), 'x.xlsx', { defaultKindKey: 'environment_monitor' });
    expect(withDefault?.rows.find((r) => r.values.name === '防雷系统')?.values.kindKey).toBe('environment_monitor');
    expect(withDefault?.rows.find((r) => r.values.name === '戴尔R740服务器')?.values.kindKey).toBe('server');
  });
});

describe('seed 001 §9 科室运维设备统计表', async () => {
  const expected = [
    '科诚 EZ-1100 Plus|科诚|EZ-1100 Plus|49|台|printer',
    '科诚 EZ-G500|科诚|EZ-G500|5|台|printer',
    '斑马 GT800|斑马|GT800|11|台|printer',
    '斑马 ZD888T|斑马|ZD888T|4|台|printer',
    '斑马 ZD420|斑马|ZD420|4|台|printer',
    '富士通 DPL4010X|富士通|DPL4010X|2|台|printer',
    '富士通 ERM18|富士通|ERM18|1|台|',
    '爱普生 L313|爱普生|L313|2|台|printer',
    '爱普生 L3119|爱普生|L3119|1|台|printer',
    '爱普生 L805|爱普生|L805|3|台|printer',
    '爱普生 R390|爱普生|R390|1|台|printer',
    '佳能 MP288|佳能|MP288|4|台|printer',
    '佳能 IP2780|佳能|IP2780|4|台|printer',
    '佳能 IX6780|佳能|IX6780|2|台|printer',
    '佳能 TS208|佳能|TS208|1|台|printer',
    '柯丽尔 363-2|柯丽尔|363-2|7|台|printer',
    '惠普 OfficeJet Pro 8210|惠普|OfficeJet Pro 8210|2|台|printer',
    '惠普 DeskJet 1000|惠普|DeskJet 1000|1|台|printer',
    '爱普生 LQ-590K ESC/P2|爱普生|LQ-590K ESC/P2|48|台|printer',
    '爱普生 LQ-595K ESC/P2|爱普生|LQ-595K ESC/P2|18|台|printer',
    '爱普生 LQ-590K II ESC/P2|爱普生|LQ-590K II ESC/P2|8|台|printer',
    '爱普生 LQ-1600KIIH ESC/P2|爱普生|LQ-1600KIIH ESC/P2|1|台|printer',
    '爱普生 LQ-630K II|爱普生|LQ-630K II|2|台|printer',
    '爱普生 LQ-82KF|爱普生|LQ-82KF|3|台|printer',
    '爱普生 LQ-80KF II|爱普生|LQ-80KF II|1|台|printer',
    '得实 DS-7850|得实|DS-7850|1|台|printer',
    '惠普 LaserJet P1007|惠普|LaserJet P1007|39|台|printer',
    '惠普 LaserJet P1008|惠普|LaserJet P1008|6|台|printer',
    '惠普 LaserJet P1106|惠普|LaserJet P1106|20|台|printer',
    '惠普 LaserJet P1108|惠普|LaserJet P1108|68|台|printer',
    '惠普 LaserJet P2035|惠普|LaserJet P2035|1|台|printer',
    '惠普 LaserJet 1020|惠普|LaserJet 1020|1|台|printer',
    '惠普 LaserJet Pro M104a|惠普|LaserJet Pro M104a|1|台|printer',
    '惠普 LaserJet M1319f MFP|惠普|LaserJet M1319f MFP|1|台|printer',
    '惠普 Color LaserJet CP1215|惠普|Color LaserJet CP1215|17|台|printer',
    '惠普 Color LaserJet CP1525n|惠普|Color LaserJet CP1525n|1|台|printer',
    '惠普 Color LaserJet CP1025|惠普|Color LaserJet CP1025|3|台|printer',
    '惠普 Color LaserJet Pro M452 PCL 6|惠普|Color LaserJet Pro M452 PCL 6|1|台|printer',
    '惠普 Color LaserJet Pro M452dn|惠普|Color LaserJet Pro M452dn|2|台|printer',
    '兄弟 HL-2240|兄弟|HL-2240|3|台|printer',
    '兄弟 HL-2260D|兄弟|HL-2260D|5|台|printer',
    '兄弟 HL-2260|兄弟|HL-2260|10|台|printer',
    '兄弟 DCP-7057|兄弟|DCP-7057|2|台|printer',
    '兄弟 DCP-7080D|兄弟|DCP-7080D|2|台|printer',
    '兄弟 DCP-7180DN|兄弟|DCP-7180DN|1|台|printer',
    '兄弟 MFC-7480D|兄弟|MFC-7480D|1|台|printer',
    '佳能 LBP2900|佳能|LBP2900|1|台|printer',
    '柯丽尔 369-2|柯丽尔|369-2|2|台|printer',
    'zebra 斑马 DZ420打印机|zebra 斑马|DZ420|1|台|printer',
    'Godex 科诚 EZ 1100 plus条码打印机|Godex 科诚|EZ 1100 plus|5|台|printer',
    'Cprinter 佳博 Gpc417热敏打印机|Cprinter 佳博|Gpc417|18|台|printer',
    '重症室监护仪|||18|台|medical_device',
    '麻醉室监护仪|||9|台|medical_device',
    '华三H3C服务器|华三 H3C||1|台|server',
    '华三H3C企业级防火墙|华三 H3C||1|台|firewall',
  ];

  it('lands every row from the .xlsx', async () => {
    const [result] = await importFile(await seed001DepartmentXlsx(), '科室运维设备统计表.xlsx');
    expect(result?.rows.map(brief)).toEqual(expected);
    expect(result?.rows.filter((r) => r.values.kindKey === 'printer')).toHaveLength(50);
    expect(result?.rows.reduce((n, r) => n + r.values.quantity, 0)).toBe(SEED001_DEPARTMENT.reduce((n, [, q]) => n + Number.parseInt(q, 10), 0));
    expect(byNameIn(result?.rows, '兄弟 HL-2260D').values).toMatchObject({ brand: '兄弟', model: 'HL-2260D', notes: '新增1台', kindKey: 'printer', quantity: 5 });
  });

  it('lands the same rows from the GBK CSV, with its 备注 column', async () => {
    const [result] = await importFile(readFixture('department-devices-gbk.csv'), '科室设备.csv');
    expect(result?.rows.map(brief)).toEqual(expected);
    expect(result?.rows[0]?.values.notes).toBe('门诊药房,急诊药房');
    expect(result?.rows[40]?.values.notes).toBe('含"新增"1台 放射科；新增1台');
  });
});

function byNameIn(rows: NormalizedRow[] | undefined, name: string) {
  return byName(rows ?? [], name);
}

describe('seed 001 software systems and interfaces (two sheets)', async () => {
  const [software, interfaces] = await importFile(await seed001SoftwareXlsx(), '软件系统.xlsx');

  it('lands all 25 systems as software_system, 1 套 each', () => {
    expect(software?.rows.map(brief)).toEqual([
      '医院信息管理系统（HIS）|||1|套|software_system',
      '电子病历系统（EMR）|||1|套|software_system',
      '社保工伤保险接入服务平台|||1|套|software_system',
      '医保接入服务平台|||1|套|software_system',
      '电子居民健康卡服务平台|||1|套|software_system',
      '银医一卡通信息系统|||1|套|software_system',
      '银医通银行数据接入服务系统|||1|套|software_system',
      '实验室信息管理系统（LIS）|||1|套|software_system',
      '影像归档和通信系统（PACS）|||1|套|software_system',
      '影像科信息系统 (RIS)|||1|套|software_system',
      '体检中心管理软件|||1|套|software_system',
      '健康管理平台|||1|套|software_system',
      '体检系统数据接入服务平台|||1|套|software_system',
      '合理用药信息系统|||1|套|software_system',
      '医保智能审核信息系统|||1|套|software_system',
      '病案统计信息系统|||1|套|software_system',
      '微信公众平台|||1|套|software_system',
      '云门户网站|||1|套|software_system',
      '心电数据接入服务系统|||1|套|software_system',
      '病房呼叫数据接入服务系统|||1|套|software_system',
      '移动护理数据接入服务系统|||1|套|software_system',
      '妇幼健康数据接入服务系统|||1|套|software_system',
      '柯丽尔自助打印接入服务系统|柯丽尔||1|套|software_system',
      '索尼自助打印接入服务系统|索尼||1|套|software_system',
      '旧 HIS 系统|||1|套|software_system',
    ]);
    expect(software?.rows).toHaveLength(SEED001_SOFTWARE.length);
  });

  it('lands all 29 interfaces as interface', () => {
    expect(interfaces?.rows.map(brief)).toEqual([
      '院感管理接口|||1|套|interface',
      '临床路径接口|||1|套|interface',
      'DRG绩效管理接口|||1|套|interface',
      '医保控费接口|||1|套|interface',
      '手术麻醉系统接口|||1|套|interface',
      '重症监护接口|||1|套|interface',
      '病历质量监控接口|||1|套|interface',
      '数字化病历接口|||1|套|interface',
      '移动医护接口|||1|套|interface',
      '护理管理接口|||1|套|interface',
      '病理信息系统接口|||1|套|interface',
      '输血管理接口|||1|套|interface',
      '电子证照管理接口|||1|套|interface',
      '全流程病历电子归档系统接口|||1|套|interface',
      '合理用药系统前置审方系统接口|||1|套|interface',
      '医院信息系统经营决策模块升级接口|||1|套|interface',
      '卒中中心信息管理系统接口|||1|套|interface',
      '胸痛中心信息管理系统接口|||1|套|interface',
      '先医后付接口改造|||1|套|interface',
      '工伤保险接口改造|||1|套|interface',
      '省直定点医药机构追溯码接口改造|||1|套|interface',
      '医保平台服务平台接口|||1|套|interface',
      'LIS软件接口|||1|套|interface',
      'PACS软件接口|||1|套|interface',
      '影像科信息系统（RIS）接口|||1|套|interface',
      '心电系统接口|||1|套|interface',
      '妇幼保健平台接口|||1|套|interface',
      '电子居民健康卡服务平台接口|||1|套|interface',
      '微信公众号接口|||1|套|interface',
    ]);
    expect(interfaces?.rows).toHaveLength(SEED001_INTERFACES.length);
    expect(interfaces?.rows.every((r) => r.sheet === '系统接口')).toBe(true);
  });
});

describe('seed 002 硬件维保设备清单', async () => {
  const [result] = await importFile(await seed002Xlsx(), '硬件维保设备清单.xlsx');
  const rows = result?.rows ?? [];

  it('lands every row: kind|brand|model|quantity|purchase month|years|warranty end|declared status|location', () => {
    expect(rows).toHaveLength(SEED002_MAINTENANCE.length);
    expect(
      rows.map((r) =>
        [r.values.kindKey, r.values.brand ?? '', r.values.model ?? '', r.values.quantity, r.values.purchaseMonth, r.values.warrantyYears, r.values.warrantyEndsOn, r.values.warrantyStatusDeclared, r.values.location].join('|'),
      ),
    ).toEqual([
      'precision_ac|艾默生|CRV35RA|2|2013-01|3|2016-01-31|out|永和路数据中心',
      'ups|山特||1|2009-10|3|2012-10-31|out|永和路数据中心',
      'ups|山特|15K|2|2017-11|3|2020-11-30|out|永和路数据中心',
      'ups|山特|90K|1|2018-10|3|2021-10-31|out|永和路数据中心',
      'server|联想 Lenovo|RD650|2|2015-10|3|2018-10-31|out|永和路数据中心',
      'server|联想 Lenovo|RD650|2|2015-10|3|2018-10-31|out|永和路数据中心',
      'server|HP|DL580-G7|2|2014-09|3|2017-09-30|out|永和路数据中心',
      'server|IBM|X3650M4|2|2014-09|3|2017-09-30|out|永和路数据中心',
      'server|联想 Lenovo|RD640|2|2014-09|3|2017-09-30|out|永和路数据中心',
      'server|联想 Lenovo|RD640|2|2014-09|3|2017-09-30|out|永和路数据中心',
      'server|HP|DL580-G7|4|2012-08|3|2015-08-31|out|永和路数据中心',
      'server|联想|x3850 X6|9|2017-12|3|2020-12-31|out|永和路数据中心',
      'server|联想|x3650 M5|5|2017-12|3|2020-12-31|out|永和路数据中心',
      'server|HPE|DL360 G9|10|2018-04|3|2021-04-30|out|永和路数据中心',
      'switch|H3C|S5130S|2|2018-04|3|2021-04-30|out|永和路数据中心',
      'storage|华为|OceanStor 5500V3|1|2018-01|3|2021-01-31|out|永和路数据中心',
      'switch|H3C|S6520X-30QC-EI|2|2018-09|3|2021-09-30|out|永和路数据中心',
      'switch|H3C|S5130S-52S-HI|4|2018-09|3|2021-09-30|out|永和路数据中心',
      'storage|HPE|SN6000B|2|2018-09|3|2021-09-30|out|永和路数据中心',
      'kvm||KMD3232|2|2018-09|3|2021-09-30|out|永和路数据中心',
      'kvm||KMD3232|1|2018-09|3|2021-09-30|out|永和路数据中心',
      'switch|H3C|S5000|2|2010-12|1|2011-12-31|out|永和路数据中心',
      'switch|H3C|S6520X-30QC-EI|2|2018-09|1|2019-09-30|out|永和路数据中心',
      'switch|H3C|S5130S-52S-HI|4|2018-11|1|2019-11-30|out|永和路数据中心',
      'firewall|锐捷|rg-wall1600-m6600|2|2015-09|3|2018-09-30|out|永和路数据中心',
      'security_appliance|天融信|TopRules 7000|1|2015-09|3|2018-09-30|out|永和路数据中心',
      'firewall|360网神|NSG5000-TG10M-Q|2|2017-12|3|2020-12-31|out|永和路数据中心',
      'firewall|360网神|NSG5000-TG10M-Q|2|2017-12|3|2020-12-31|out|永和路数据中心',
      'security_appliance|华为|NIP6620|1|2017-12|3|2020-12-31|out|永和路数据中心',
      'security_appliance|启明星辰|TSOC-SA1100|1|2017-12|3|2020-12-31|out|永和路数据中心',
      'security_appliance|启明星辰|USG-1000DP|1|2017-12|3|2020-12-31|out|永和路数据中心',
      'security_appliance|网神|SecFox|1|2017-12|3|2020-12-31|out|永和路数据中心',
      'security_appliance|深信服|OSM-1000-C600|2|2019-12|3|2022-12-31|in|永和路数据中心',
      'security_appliance|深信服|SIP-1000-B400|1|2019-10|3|2022-10-31|in|永和路数据中心',
      'security_appliance|深信服|STA-100-B420|16|2019-10|3|2022-10-31|in|永和路数据中心',
      'server|HPE|380 gen10|6|2020-03|3|2023-03-31|in|永和路数据中心',
      'storage|EMC|Unity XT480|1|2020-03|3|2023-03-31|in|永和路数据中心',
      'switch|华为|S12700E-8|2|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|华为|IPS6515E|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|曙光 SUGON|1420-G30|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'firewall|绿盟|DASFW-HD800C|2|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|天融信|TopRules 8000|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|绿盟|WAF-HD300C|2|2020-11|3|2023-11-30|in|永和路数据中心',
      'router|迪普 DPtech|ADX3000-GC-XE|2|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|网御星云|Power V6000-A5310-HW06|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|安恒|DAS-LOG-1000|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'security_appliance|中科网威|NSIDS-6000-D366SH|1|2020-11|3|2023-11-30|in|永和路数据中心',
      'server|联想|thinkserver|1|2013-11|3|2016-11-30|out|容灾备份',
      'storage|华为|OceanStor S2600T-2C16G-12I1-AC|1|2013-11|3|2016-11-30|out|容灾备份',
      'switch|华为|OceanStor_SNS2120 SN0Z01FCSP|2|2013-11|3|2016-11-30|out|容灾备份',
      'switch|华为||1|2013-11|1|2014-11-30|out|容灾备份',
      'firewall|华为|USG5150|1|2013-11|3|2016-11-30|out|容灾备份',
      'server|联想|SR650|27|2019-10|3|2022-10-31|in|区属医疗机构',
      'firewall|网神|NSG5000-TGSHWM|20|2019-10|3|2022-10-31|in|区属医疗机构',
    ]);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(rows.every((r) => r.values.unit === '台' && r.values.warrantyEndsOnComputed)).toBe(true);
  });

  it('reads merged 所属区域 and 类别 cells for every row they cover', () => {
    expect(rows.filter((r) => r.values.location === '永和路数据中心')).toHaveLength(47);
    expect(rows.filter((r) => r.values.location === '容灾备份')).toHaveLength(5);
    expect(rows.filter((r) => r.values.location === '区属医疗机构')).toHaveLength(2);
    expect(rows.filter((r) => r.values.kindText === '服务器')).toHaveLength(13);
    expect(rows.filter((r) => r.values.kindText === '新增设备').map((r) => r.values.kindKey)).toEqual([
      'switch', 'security_appliance', 'security_appliance', 'firewall', 'security_appliance', 'security_appliance', 'router', 'security_appliance', 'security_appliance', 'security_appliance',
    ]);
  });

  it('counts out-of-warranty equipment and warns where the declared 保修状态 contradicts the computed one', () => {
    expect(rows.filter((r) => r.values.warrantyStatusDeclared === 'out')).toHaveLength(37);
    expect(rows.filter((r) => r.values.warrantyStatusDeclared === 'in')).toHaveLength(17);
    const contradicted = rows.filter((r) => r.warnings.some((w) => w.startsWith('保修状态填的是')));
    expect(contradicted.map((r) => r.values.name)).toEqual([
      '态势感知平台（深信服SIP-1000-B400）',
      '态势感知采集器（深信服STA-100-B420）',
      '联想SR650',
      '网神防火墙系统 NSG5000-TGSHWM',
    ]);
    expect(contradicted[0]?.warnings).toContain('保修状态填的是“保内”，但按购置年月 2019-10 + 3 年计算，保修至 2022-10-31，截至 2022-11-01 应为过保');
    expect(contradicted.every((r) => r.errors.length === 0)).toBe(true);
  });

  it('reads the layout of the tender document: group headings as rows, 过保/保内 in 备注', async () => {
    const [doc] = await importFile(await seed002AsInDocumentXlsx(), '清单.xlsx');
    expect(doc?.skipped.map((s) => [s.rowNumber, s.reason])).toEqual([
      [2, 'section'],
      [50, 'section'],
      [56, 'section'],
    ]);
    expect(doc?.rows.map((r) => [r.values.name, r.values.kindKey, r.values.location, r.values.warrantyStatusDeclared, r.values.notes ?? ''])).toEqual(
      rows.map((r) => [r.values.name, r.values.kindKey, r.values.location, r.values.warrantyStatusDeclared, r.values.notes ?? '']),
    );
  });
});
