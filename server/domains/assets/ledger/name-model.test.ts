import { describe, expect, it } from 'vitest';
import { brandKeyOf, detectKind, parseNameModel } from './name-model.ts';

describe('parseNameModel', () => {
  it.each([
    ['戴尔R740服务器', { brand: '戴尔', brandKey: 'dell', model: 'R740', kindHint: 'server' }],
    ['华为OceanStor S2600T存储', { brand: '华为', model: 'OceanStor S2600T', kindHint: 'storage' }],
    ['大唐卫士DL7732-B KVM', { brand: '大唐卫士', model: 'DL7732-B', kindHint: 'kvm' }],
    ['爱普生 L313', { brand: '爱普生', brandKey: 'epson', model: 'L313', kindHint: 'printer' }],
    ['华三H3C企业级防火墙', { brand: '华三 H3C', brandKey: 'h3c', model: undefined, kindHint: 'firewall' }],
    ['Godex 科诚 EZ 1100 plus条码打印机', { brand: 'Godex 科诚', brandKey: 'godex', model: 'EZ 1100 plus', kindHint: 'printer' }],
    ['重症室监护仪', { brand: undefined, model: undefined, kindHint: 'medical_device' }],
    ['HP ProLiant DL388 Gen8服务器', { brand: 'HP', model: 'ProLiant DL388 Gen8', kindHint: 'server' }],
    ['内网Hyper-v虚拟化服务器HPDL580-G7', { brand: 'HP', model: 'DL580-G7', kindHint: 'server' }],
    ['HPE DL360 G9', { brand: 'HPE', brandKey: 'hpe', model: 'DL360 G9', kindHint: 'server' }],
    ['公卫数据库服务器联想Lenovo-RD650', { brand: '联想 Lenovo', brandKey: 'lenovo', model: 'RD650', kindHint: 'server' }],
    ['华为OceanStor SNS2124存储光交换', { model: 'OceanStor SNS2124', kindHint: 'switch' }],
    ['山石网科Hillstone SG-6000-E3965防毒墙', { brand: '山石网科 Hillstone', model: 'SG-6000-E3965', kindHint: 'security_appliance' }],
    ['核心交换机HUAWEI S6735-S48X6C', { brand: 'HUAWEI', brandKey: 'huawei', model: 'S6735-S48X6C', kindHint: 'switch' }],
    ['万兆接入24口光纤交换机（H3C S6520X-30QC-EI', { brand: 'H3C', model: 'S6520X-30QC-EI', kindHint: 'switch' }],
    ['态势感知平台（深信服SIP-1000-B400）', { brand: '深信服', model: 'SIP-1000-B400', kindHint: 'security_appliance' }],
    ['亚信数据脱敏 曙光SUGON 1420-G30', { brand: '曙光 SUGON', brandKey: 'sugon', model: '1420-G30' }],
    ['安全网闸 天融信 TopRules 8000（RE-82266-RB）', { brand: '天融信', model: 'TopRules 8000', kindHint: 'security_appliance' }],
    ['UPS5000-A-30KTTL不间断电源', { brand: undefined, model: 'UPS5000-A-30KTTL', kindHint: 'ups' }],
    ['KMD3232(32口)', { model: 'KMD3232' }],
    ['BGDR-42机房动力环境监控显示器', { model: 'BGDR-42', kindHint: 'environment_monitor' }],
    ['16槽光纤收发器机架', { kindHint: 'switch' }],
    ['科室互联网接入', { kindHint: 'network_line' }],
    ['医院信息管理系统（HIS）', { kindHint: 'software_system', model: undefined }],
    ['LIS软件接口', { kindHint: 'interface' }],
    ['柯丽尔自助打印接入服务系统', { brand: '柯丽尔', kindHint: 'software_system' }],
    ['云主机（4核8G）', { kindHint: 'cloud_resource' }],
    ['ＨＰ　ＤＬ３８０　Ｇｅｎ１０服务器', { brand: 'HP', model: 'DL380 Gen10', kindHint: 'server' }],
  ])('%s', (input, expected) => {
    const parts = parseNameModel(input);
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, parts[k as keyof typeof parts]]));
    expect(picked).toEqual(expected);
  });

  it('takes a remark in parentheses out of the name and the model', () => {
    expect(parseNameModel('兄弟 HL-2260D (新增1台)')).toEqual({
      name: '兄弟 HL-2260D',
      brand: '兄弟',
      brandKey: 'brother',
      model: 'HL-2260D',
      kindHint: 'printer',
      notes: ['新增1台'],
    });
    expect(parseNameModel('山特15K（每年两次充放电）')).toMatchObject({ name: '山特15K', model: '15K', kindHint: 'ups', notes: ['每年两次充放电'] });
    expect(parseNameModel('华为E9000（含13台刀片服务器）计算集群')).toMatchObject({ name: '华为E9000计算集群', model: 'E9000', kindHint: 'server', notes: ['含13台刀片服务器'] });
  });

  it('keeps qualifiers in parentheses and joins the lines of a wrapped cell', () => {
    expect(parseNameModel('360网神防火墙（外网）\nNSG5000-TG10M-Q')).toMatchObject({
      name: '360网神防火墙（外网） NSG5000-TG10M-Q',
      brand: '360网神',
      model: 'NSG5000-TG10M-Q',
      kindHint: 'firewall',
      notes: [],
    });
  });
});

describe('detectKind', () => {
  it('lets the last, strongest keyword decide', () => {
    expect(detectKind('PACS数据库服务器')).toEqual({ kind: 'server', weak: false });
    expect(detectKind('网络设备')).toEqual({ kind: 'switch', weak: true });
    expect(detectKind('数据交换平台')?.kind).toBe('software_system');
    expect(detectKind('防雷系统')).toBeUndefined();
    expect(detectKind('病理系统自助报告机')?.kind).toBe('pc');
  });
  it('matches English keywords as words only', () => {
    expect(detectKind('PCL 6')).toBeUndefined();
    expect(detectKind('IPS6515E')?.kind).toBe('security_appliance');
  });
});

describe('brandKeyOf', () => {
  it('reads a brand column in any spelling', () => {
    expect(['HP', '惠普', 'Dell', 'DELL', '华三H3C', '新华三', 'Lenovo 联想', '无'].map(brandKeyOf)).toEqual([
      'hp',
      'hp',
      'dell',
      'dell',
      'h3c',
      'h3c',
      'lenovo',
      undefined,
    ]);
  });
});
