import { describe, expect, it } from 'vitest';
import { classifyXinchuang, matchDomesticProduct, xinchuangStatus } from './xinchuang.ts';

describe('xinchuangStatus', () => {
  it('recognises domestic products in the way ledgers spell them', () => {
    expect(classifyXinchuang('cpu', '海光7285')).toBe('domestic');
    expect(classifyXinchuang('cpu', 'Hygon C86 7380')).toBe('domestic');
    expect(classifyXinchuang('cpu', 'Kunpeng 920')).toBe('domestic');
    expect(classifyXinchuang('cpu', '飞腾FT-2000+/64')).toBe('domestic');
    expect(classifyXinchuang('cpu', 'KX-U6780A')).toBe('domestic');
    expect(classifyXinchuang('os', '银河麒麟高级服务器操作系统 V10 SP3')).toBe('domestic');
    expect(classifyXinchuang('os', '中标麒麟')).toBe('domestic');
    expect(classifyXinchuang('os', 'UOS V20 1060e')).toBe('domestic');
    expect(classifyXinchuang('os', 'openEuler 22.03 LTS')).toBe('domestic');
    expect(classifyXinchuang('database', 'DM8')).toBe('domestic');
    expect(classifyXinchuang('database', 'KingbaseES V8R6')).toBe('domestic');
    expect(classifyXinchuang('database', '南大通用GBase 8s')).toBe('domestic');
    expect(classifyXinchuang('middleware', 'TongWeb 7.0')).toBe('domestic');
    expect(classifyXinchuang('middleware', '宝兰德 BES 9.5')).toBe('domestic');
    expect(matchDomesticProduct('database', '人大金仓')?.key).toBe('kingbase');
  });

  it('marks known foreign products foreign and leaves blanks and unknown text unknown', () => {
    expect(classifyXinchuang('cpu', 'Intel Xeon Gold 6248R')).toBe('foreign');
    expect(classifyXinchuang('os', 'Windows Server 2012 R2')).toBe('foreign');
    expect(classifyXinchuang('os', 'CentOS 7.9')).toBe('foreign');
    expect(classifyXinchuang('database', 'Oracle 11g RAC')).toBe('foreign');
    expect(classifyXinchuang('database', 'SQL Server 2016')).toBe('foreign');
    expect(classifyXinchuang('middleware', 'WebLogic 12c')).toBe('foreign');
    expect(classifyXinchuang('cpu', '')).toBe('unknown');
    expect(classifyXinchuang('cpu', null)).toBe('unknown');
    expect(classifyXinchuang('database', '自研')).toBe('unknown');
  });

  it('matches short Latin aliases only as words', () => {
    expect(classifyXinchuang('database', 'admin db')).toBe('unknown');
    expect(classifyXinchuang('database', 'DMZ cache')).toBe('foreign');
    expect(classifyXinchuang('os', 'virtuoso')).toBe('unknown');
  });

  it('lets a domestic name win over a foreign one in the same text', () => {
    expect(classifyXinchuang('cpu', '海光（AMD 授权 x86）')).toBe('domestic');
    expect(classifyXinchuang('database', 'Oracle 迁移至达梦')).toBe('domestic');
  });

  it('gives an overall flag: foreign wins, then domestic, else unknown', () => {
    expect(xinchuangStatus({ cpu: '鲲鹏920', os: '麒麟V10', database: '达梦8' })).toEqual({ cpu: 'domestic', os: 'domestic', database: 'domestic', middleware: 'unknown', overall: 'domestic' });
    expect(xinchuangStatus({ cpu: '海光', os: 'CentOS 7' }).overall).toBe('foreign');
    expect(xinchuangStatus({}).overall).toBe('unknown');
  });
});
