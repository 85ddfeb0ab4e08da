import { describe, expect, it } from 'vitest';
import { matchedTerms, suggestTerms } from './suggest.ts';

describe('suggestTerms', () => {
  it('cuts Chinese text into two-character runs and drops the ones that say nothing', () => {
    expect(suggestTerms('打印机无法打印')).toEqual(['打印', '印机', '机无', '法打']);
    expect(suggestTerms('请问 问题')).toEqual([]);
  });

  it('keeps Latin words and numbers of two characters or more, lower-cased, split from Chinese', () => {
    expect(suggestTerms('HIS系统登录报错 ORA-01017, a b')).toEqual(['his', '系统', '统登', '登录', '录报', '报错', 'ora', '01017']);
    expect(suggestTerms('PACS PACS pacs')).toEqual(['pacs']);
  });

  it('stops at 24 terms', () => {
    expect(suggestTerms('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒')).toHaveLength(24);
  });

  it('says which terms and tags an article matched', () => {
    const terms = suggestTerms('收费处打印机卡纸');
    expect(matchedTerms(terms, { title: '打印机卡纸处理', category: '打印机', body: '', tags: ['卡纸', '收费处', 'x'] }, '收费处打印机卡纸')).toEqual(['卡纸', '收费处', '打印', '印机', '机卡']);
  });
});
