/**
 * 信创 (domestic information technology) vocabulary: which CPU, OS, database and middleware products are
 * domestic, with the aliases people type into ledgers, so free text such as "海光7285", "Kylin V10 SP3" or
 * "DM8" can be classified. Pure: used by the server (stored flags, filters, overview) and the web console.
 */

export const XINCHUANG_DIMENSIONS = ['cpu', 'os', 'database', 'middleware'] as const;
export type XinchuangDimension = (typeof XINCHUANG_DIMENSIONS)[number];
export type XinchuangState = 'domestic' | 'foreign' | 'unknown';

export interface XinchuangProduct {
  key: string;
  dimension: XinchuangDimension;
  name: string;
  nameEn: string;
  /** lower-case; Latin aliases must start a word ("dm8" matches, "admin" does not), CJK ones match anywhere */
  aliases: string[];
}

const p = (dimension: XinchuangDimension, key: string, name: string, nameEn: string, aliases: string[]): XinchuangProduct => ({ key, dimension, name, nameEn, aliases });

/** Domestic products, matched first. Only products developed by Chinese companies or communities are listed. */
export const DOMESTIC_PRODUCTS: readonly XinchuangProduct[] = [
  p('cpu', 'hygon', '海光', 'Hygon', ['海光', 'hygon', 'c86']),
  p('cpu', 'kunpeng', '鲲鹏', 'Kunpeng', ['鲲鹏', 'kunpeng', 'taishan', '泰山']),
  p('cpu', 'phytium', '飞腾', 'Phytium', ['飞腾', 'phytium', 'ft-2000', 'ft2000', 'ft-1500', 'd2000', 's2500', 's5000']),
  p('cpu', 'loongson', '龙芯', 'Loongson', ['龙芯', 'loongson', 'loongarch', '3a5000', '3a6000', '3c5000', '3c6000', '3d5000']),
  p('cpu', 'zhaoxin', '兆芯', 'Zhaoxin', ['兆芯', 'zhaoxin', 'kx-', 'kh-']),
  p('cpu', 'sunway', '申威', 'Sunway', ['申威', 'sunway', 'sw1621', 'sw3231', 'sw831']),
  p('os', 'kylin', '麒麟（银河麒麟/中标麒麟）', 'Kylin (Galaxy Kylin / NeoKylin)', ['麒麟', 'kylin', 'neokylin']),
  p('os', 'uos', '统信 UOS', 'UnionTech UOS', ['统信', 'uos', 'uniontech', 'deepin', '深度']),
  p('os', 'openeuler', '欧拉', 'openEuler', ['欧拉', 'openeuler', 'euleros']),
  p('os', 'nfschina', '中科方德', 'NFSChina', ['中科方德', '方德', 'nfschina', 'nfs']),
  p('os', 'anolis', '龙蜥', 'Anolis OS', ['龙蜥', 'anolis']),
  p('os', 'redflag', '红旗 Linux', 'Red Flag Linux', ['红旗', 'red flag', 'redflag']),
  p('os', 'isoft', '普华', 'iSoft', ['普华', 'isoft']),
  p('os', 'newstart', '中兴新支点', 'NewStart', ['新支点', 'newstart']),
  p('database', 'dameng', '达梦', 'DM (Dameng)', ['达梦', 'dameng', 'dm']),
  p('database', 'kingbase', '人大金仓', 'KingbaseES', ['人大金仓', '金仓', 'kingbase']),
  p('database', 'gbase', '南大通用', 'GBase', ['南大通用', 'gbase']),
  p('database', 'vastbase', '海量', 'Vastbase', ['海量', 'vastbase']),
  p('database', 'opengauss', 'openGauss', 'openGauss', ['opengauss']),
  p('database', 'gaussdb', 'GaussDB', 'GaussDB', ['gaussdb', '高斯']),
  p('database', 'oceanbase', 'OceanBase', 'OceanBase', ['oceanbase']),
  // TiDB is developed by PingCAP (平凯星辰, Beijing).
  p('database', 'tidb', 'TiDB', 'TiDB', ['tidb']),
  p('database', 'polardb', 'PolarDB', 'PolarDB', ['polardb']),
  p('database', 'goldendb', 'GoldenDB', 'GoldenDB', ['goldendb']),
  p('database', 'shentong', '神通', 'Oscar (ShenTong)', ['神通', 'shentong', 'oscar']),
  p('database', 'highgo', '瀚高', 'HighGo', ['瀚高', 'highgo']),
  p('database', 'xugu', '虚谷', 'XuguDB', ['虚谷', 'xugu']),
  p('database', 'uxdb', '优炫', 'UXDB', ['优炫', 'uxdb']),
  p('middleware', 'tongweb', '东方通', 'TongTech TongWeb', ['东方通', 'tongweb', 'tongtech', 'tonglink', 'tonghttpserver', 'tongrds']),
  p('middleware', 'bes', '宝兰德', 'BES (BKSoft)', ['宝兰德', 'bes', 'bkapplication']),
  p('middleware', 'apusic', '金蝶天燕', 'Apusic', ['金蝶天燕', '天燕', 'apusic']),
  p('middleware', 'inforsuite', '中创', 'InforSuite', ['中创', 'inforsuite']),
  p('middleware', 'primeton', '普元', 'Primeton', ['普元', 'primeton']),
];

/** Products that are certainly not domestic: a match makes the dimension 'foreign'. */
export const FOREIGN_ALIASES: Readonly<Record<XinchuangDimension, readonly string[]>> = {
  cpu: ['intel', 'xeon', 'core i', 'pentium', 'celeron', 'amd', 'epyc', 'opteron', 'ryzen', 'ibm power', 'power8', 'power9', 'power10', 'sparc', 'itanium', 'ampere', '英特尔', '至强', '酷睿', '奔腾', '赛扬'],
  os: ['windows', 'win server', 'win10', 'win11', 'win7', 'centos', 'red hat', 'redhat', 'rhel', 'ubuntu', 'debian', 'suse', 'sles', 'oracle linux', 'aix', 'hp-ux', 'solaris', 'esxi', 'vmware', 'macos', 'rocky linux', 'almalinux'],
  database: ['oracle', 'mysql', 'sql server', 'sqlserver', 'mssql', 'db2', 'postgresql', 'postgres', 'mongodb', 'sybase', 'informix', 'mariadb', 'cache', 'caché', 'intersystems', 'sqlite', 'teradata'],
  middleware: ['weblogic', 'websphere', 'tomcat', 'jboss', 'wildfly', 'iis', 'tuxedo', 'ibm mq', 'glassfish', 'jetty', 'nginx'],
};

const CJK = /[\u3400-\u9fff]/;

function matches(text: string, alias: string): boolean {
  if (CJK.test(alias)) return text.includes(alias);
  let from = 0;
  for (;;) {
    const at = text.indexOf(alias, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + alias.length] ?? '';
    // A Latin alias starts a word; a short one (dm, uos, bes) must also end at a non-letter ("dm8", not "dmz").
    const startsWord = !/[a-z]/.test(before);
    const endsWord = alias.length > 3 || !/[a-z]$/.test(alias) || !/[a-z]/.test(after);
    if (startsWord && endsWord) return true;
    from = at + 1;
  }
}

/** The domestic product named in free text of one dimension, or null. */
export function matchDomesticProduct(dimension: XinchuangDimension, text: string | null | undefined): XinchuangProduct | null {
  const t = (text ?? '').trim().toLowerCase();
  if (!t) return null;
  return DOMESTIC_PRODUCTS.find((prod) => prod.dimension === dimension && prod.aliases.some((a) => matches(t, a))) ?? null;
}

/** Classifies one dimension's free text: domestic wins over foreign ("海光 (x86, AMD licence)" is domestic); blank or unrecognised is unknown. */
export function classifyXinchuang(dimension: XinchuangDimension, text: string | null | undefined): XinchuangState {
  const t = (text ?? '').trim().toLowerCase();
  if (!t) return 'unknown';
  if (matchDomesticProduct(dimension, t)) return 'domestic';
  return FOREIGN_ALIASES[dimension].some((a) => matches(t, a)) ? 'foreign' : 'unknown';
}

export type XinchuangInput = Partial<Record<XinchuangDimension, string | null | undefined>>;
export type XinchuangStatus = Record<XinchuangDimension, XinchuangState> & {
  /** foreign if any dimension is foreign; domestic if at least one is domestic and none foreign; else unknown */
  overall: XinchuangState;
};

/** Per-dimension 信创 state of an asset and an overall flag. */
export function xinchuangStatus(input: XinchuangInput): XinchuangStatus {
  const cpu = classifyXinchuang('cpu', input.cpu);
  const os = classifyXinchuang('os', input.os);
  const database = classifyXinchuang('database', input.database);
  const middleware = classifyXinchuang('middleware', input.middleware);
  const states = [cpu, os, database, middleware];
  const overall: XinchuangState = states.includes('foreign') ? 'foreign' : states.includes('domestic') ? 'domestic' : 'unknown';
  return { cpu, os, database, middleware, overall };
}
