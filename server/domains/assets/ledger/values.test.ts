import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  parseDate,
  parseImportance,
  parseIpList,
  parseMonth,
  parseQuantity,
  parseStatus,
  parseWarrantyStatus,
  parseWarrantyYears,
  splitNames,
  todayInShanghai,
  warrantyEndFromPurchase,
  warrantyStatusOn,
  type Parsed,
} from './values.ts';

const value = <T>(r: Parsed<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.value;
};
const message = <T>(r: Parsed<T>): string => {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.message;
};

describe('parseMonth', () => {
  it.each([
    ['2018.4', '2018-04'],
    ['2013.01', '2013-01'],
    ['2018.10', '2018-10'],
    ['2018/4', '2018-04'],
    ['2018-04', '2018-04'],
    ['2018年4月', '2018-04'],
    ['2018 年 4 月', '2018-04'],
    ['2018年04月15日', '2018-04'],
    ['201804', '2018-04'],
    ['20180415', '2018-04'],
    ['2018-04-15', '2018-04'],
    ['2018/4/15', '2018-04'],
    ['2018.04.15', '2018-04'],
    ['2018-04-15 13:20', '2018-04'],
    ['43205', '2018-04'], // Excel serial of 2018-04-15
    ['２０１８．４', '2018-04'], // full-width
  ])('%s → %s', (input, expected) => {
    expect(value(parseMonth(input))).toBe(expected);
  });

  it('warns that 2018.1 may be an October typed as a number', () => {
    const r = parseMonth('2018.1');
    expect(r).toMatchObject({ ok: true, value: '2018-01' });
    expect(r.ok && r.warning).toContain('10 月');
  });

  it('reads a bare year as January, with a warning', () => {
    const r = parseMonth('2018年');
    expect(r).toMatchObject({ ok: true, value: '2018-01' });
    expect(r.ok && r.warning).toContain('只有年份');
  });

  it.each([
    ['2018.13', '月份 13 无效'],
    ['2018-00', '月份 0 无效'],
    ['2018-02-30', '日期 30 无效'],
    ['1899.5', '年份'],
    ['去年', '不是可识别的年月'],
    ['18.4', '不是可识别的年月'],
    ['2018.101', '不是可识别的年月'],
    ['12345', '不是有效的年月'],
  ])('rejects %s', (input, fragment) => {
    expect(message(parseMonth(input))).toContain(fragment);
  });
});

describe('parseDate', () => {
  it('reads full dates and makes a bare month its last day', () => {
    expect(value(parseDate('2021-4-30'))).toBe('2021-04-30');
    expect(value(parseDate('2021年4月30日'))).toBe('2021-04-30');
    expect(value(parseDate('44316'))).toBe('2021-04-30');
    const r = parseDate('2024.2');
    expect(r).toMatchObject({ ok: true, value: '2024-02-29' });
  });
  it('rejects impossible dates', () => {
    expect(message(parseDate('2021-02-29'))).toContain('无效');
  });
});

describe('parseWarrantyYears', () => {
  it.each([
    ['3', 3],
    ['3年', 3],
    ['三年', 3],
    ['两年', 2],
    ['十年', 10],
    ['36个月', 3],
    ['18个月', 1.5],
    ['1.5', 1.5],
    ['1年半', 1.5],
    ['半年', 0.5],
    ['原厂3年', 3],
    ['保修3年', 3],
    ['3Y', 3],
    ['无', 0],
  ])('%s → %d', (input, years) => {
    expect(value(parseWarrantyYears(input))).toBe(years);
  });
  it.each([['过保'], ['2018.4'], ['60'], ['abc']])('rejects %s', (input) => {
    expect(parseWarrantyYears(input).ok).toBe(false);
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1组', { quantity: 1, unit: '组' }],
    ['124条', { quantity: 124, unit: '条' }],
    ['12台', { quantity: 12, unit: '台' }],
    ['600 台', { quantity: 600, unit: '台' }],
    ['2套', { quantity: 2, unit: '套' }],
    ['1', { quantity: 1 }],
    ['1,200台', { quantity: 1200, unit: '台' }],
    ['两台', { quantity: 2, unit: '台' }],
    ['31台（新增4台）', { quantity: 31, unit: '台', note: '新增4台' }],
    ['１２台', { quantity: 12, unit: '台' }],
  ])('%s', (input, expected) => {
    expect(value(parseQuantity(input))).toEqual(expected);
  });
  it('rejects fractions, negatives and words', () => {
    expect(message(parseQuantity('1.5台'))).toContain('非负整数');
    expect(message(parseQuantity('-2'))).toContain('非负整数');
    expect(message(parseQuantity('若干'))).toContain('无法识别');
  });
  it('warns on zero', () => {
    expect(parseQuantity('0台')).toMatchObject({ ok: true, value: { quantity: 0 }, warning: '数量为 0' });
  });
});

describe('enumerations', () => {
  it('reads warranty status', () => {
    expect(['保内', '在保', '过保', '脱保', '已过保', ' 保内 '].map((s) => value(parseWarrantyStatus(s)))).toEqual(['in', 'in', 'out', 'out', 'out', 'in']);
    expect(parseWarrantyStatus('不知道').ok).toBe(false);
  });
  it('reads importance, "非核心" is general', () => {
    expect(['核心', '重要', '一般', '非核心', '非常重要'].map((s) => value(parseImportance(s)))).toEqual(['core', 'important', 'general', 'general', 'core']);
  });
  it('reads lifecycle status', () => {
    expect(['在用', '库存', '维修', '报废', '停用', '维修中'].map((s) => value(parseStatus(s)))).toEqual([
      'in_use',
      'in_stock',
      'under_repair',
      'scrapped',
      'retired',
      'under_repair',
    ]);
    expect(message(parseStatus('丢失'))).toContain('在用/库存/维修/报废/停用');
  });
});

describe('parseIpList', () => {
  it('splits on , ; / 、 and line breaks and validates IPv4 and IPv6', () => {
    expect(parseIpList('10.0.0.1, 10.0.0.2;10.0.0.3/10.0.0.4\n10.0.0.5、2001:db8::1')).toEqual({
      ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '2001:db8::1'],
      invalid: [],
    });
  });
  it('keeps the address of a CIDR, full-width separators, and dedupes', () => {
    expect(parseIpList('192.168.1.10/24，192.168.1.10；FE80::1/64')).toEqual({ ips: ['192.168.1.10', 'fe80::1'], invalid: [] });
  });
  it('reports what is not an address', () => {
    expect(parseIpList('10.0.0.256, 10.0.0.1, 主机A')).toEqual({ ips: ['10.0.0.1'], invalid: ['10.0.0.256', '主机A'] });
  });
});

describe('helpers', () => {
  it('chinese numerals', () => {
    expect(['一', '两', '十', '十二', '二十', '二十五', '百'].map(chineseNumeral)).toEqual([1, 2, 10, 12, 20, 25, undefined]);
  });
  it('splits relation names', () => {
    expect(splitNames('HIS、EMR/LIS\nPACS，HIS')).toEqual(['HIS', 'EMR', 'LIS', 'PACS']);
  });
  it('warranty ends on the last day of purchase month + years', () => {
    expect(warrantyEndFromPurchase('2018-04', 3)).toBe('2021-04-30');
    expect(warrantyEndFromPurchase('2019-12', 3)).toBe('2022-12-31');
    expect(warrantyEndFromPurchase('2021-02', 3)).toBe('2024-02-29');
    expect(warrantyEndFromPurchase('2018-11', 1.5)).toBe('2020-05-31');
    expect(warrantyStatusOn('2022-12-31', '2022-12-31')).toBe('in');
    expect(warrantyStatusOn('2022-12-31', '2023-01-01')).toBe('out');
  });
  it('today is computed in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2024-03-31T16:30:00Z'))).toBe('2024-04-01');
  });
});
