import { describe, expect, it } from 'vitest';
import { digestVars, formatDuration, formatLocalTime, renderChannelMessage, renderTemplate, SMS_MAX_CHARS, type RenderInput } from './templates.ts';

const vars = { org: '第一人民医院', asset: 'HIS 数据库', probe: 'TCP 1521', state: '中断', since: '2026-11-22 08:03', duration: '5分钟' };
const input = (extra: Partial<RenderInput> = {}): RenderInput => ({ kind: 'wecom', event: 'firing', locale: 'zh-CN', severity: 'P1', vars, url: 'https://yiwei.local/a/1', ...extra });

describe('renderTemplate', () => {
  it('substitutes variables and leaves unknown ones visible', () => {
    expect(renderTemplate('{{ asset }} {{state}} {{nope}}', { asset: 'HIS', state: '中断' })).toBe('HIS 中断 {{nope}}');
  });

  it('never evaluates anything', () => {
    const hostile = '{{constructor}} {{__proto__}} {{toString}} ${process.exit()} {{asset.constructor}}';
    expect(renderTemplate(hostile, { asset: 'HIS' })).toBe(hostile);
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}'); // values are not rendered again
  });
});

describe('renderChannelMessage', () => {
  it('renders WeCom markdown with the coloured severity, and a plain text fallback', () => {
    const m = renderChannelMessage(input());
    expect(m.title).toBe('【P1 一级】HIS 数据库 中断');
    expect(m.markdown).toBe(
      '### <font color="warning">P1 一级</font> HIS 数据库 中断\n> 机构：第一人民医院\n> 监测：TCP 1521\n> 开始：2026-11-22 08:03（已持续 5分钟）\n\n[查看并确认](https://yiwei.local/a/1)',
    );
    expect(m.text).toBe('【P1 一级】HIS 数据库 中断\n机构：第一人民医院\n监测：TCP 1521\n开始：2026-11-22 08:03（已持续 5分钟）\n查看并确认：https://yiwei.local/a/1');
    expect(m).toMatchObject({ severity: 'P1', url: 'https://yiwei.local/a/1', vars: { ...vars, severity: 'P1 一级' } });
  });

  it('drops lines whose standard variable is missing (no summary, no link yet)', () => {
    const m = renderChannelMessage(input({ kind: 'dingtalk', url: undefined, vars: { ...vars, summary: '' } }));
    expect(m.markdown).not.toContain('详情');
    expect(m.markdown).not.toContain('[查看并确认]');
    expect(m.markdown!.startsWith('### **P1 一级** HIS 数据库 中断')).toBe(true);
  });

  it('escapes angle brackets in values so an asset name cannot @ a whole group, but keeps our own badge markup', () => {
    const m = renderChannelMessage(input({ kind: 'feishu', vars: { ...vars, asset: 'HIS <at user_id="all"></at>' } }));
    expect(m.markdown).toContain("<font color='red'>P1 一级</font> HIS ＜at user_id=\"all\"＞＜/at＞");
    expect(m.text).toContain('HIS <at user_id="all"></at>'); // plain text is not markup anywhere
  });

  it('renders SMS short and capped at 300 characters, without markdown', () => {
    const sms = renderChannelMessage(input({ kind: 'sms_aliyun' }));
    expect(sms.text).toBe('【P1 一级】第一人民医院 HIS 数据库 中断，始于2026-11-22 08:03。确认：https://yiwei.local/a/1');
    expect(sms.markdown).toBeUndefined();
    const long = renderChannelMessage(input({ kind: 'sms_http', vars: { ...vars, asset: '设备'.repeat(400) } }));
    expect([...long.text]).toHaveLength(SMS_MAX_CHARS);
    expect(long.text.endsWith('…')).toBe(true);
  });

  it('gives e-mail a subject and text, and English when asked', () => {
    const mail = renderChannelMessage(input({ kind: 'email', locale: 'en', event: 'resolved', severity: 'P2' }));
    expect(mail.title).toBe('[Resolved] HIS 数据库 中断');
    expect(mail.text).toContain('Recovered: 2026-11-22 08:03 (down for 5分钟)');
    expect(mail.markdown).toBeUndefined();
  });

  it('uses a channel override for one part and the defaults for the rest', () => {
    const m = renderChannelMessage(input({ template: { title: '{{org}}｜{{asset}}｜{{custom}}' } }));
    expect(m.title).toBe('第一人民医院｜HIS 数据库｜{{custom}}');
    expect(m.markdown).toContain('[查看并确认]');
    const plain = renderChannelMessage(input({ kind: 'sms_tencent', template: { sms: '{{severityBadge}} {{asset}}' } }));
    expect(plain.text).toBe('P1 一级 HIS 数据库');
  });

  it('renders escalation and digest messages', () => {
    expect(renderChannelMessage(input({ event: 'escalation', vars: { ...vars, step: '2' } })).title).toBe('【升级·P1 一级】HIS 数据库 中断 未确认');
    const digest = renderChannelMessage(input({ event: 'digest', vars: digestVars({ count: 37, titles: ['A 中断', 'B 中断'] }, 'zh-CN') }));
    expect(digest.title).toBe('【告警合并】另有 37 条告警');
    expect(digest.text).toBe('另有 37 条告警已合并：\n- A 中断\n- B 中断\n- …等 37 条\n查看全部：https://yiwei.local/a/1');
  });
});

describe('formatting helpers', () => {
  it('formats durations with at most two adjacent units', () => {
    expect(formatDuration(0, 'zh-CN')).toBe('0秒');
    expect(formatDuration(65_000, 'zh-CN')).toBe('1分钟5秒');
    expect(formatDuration(93_784_000, 'zh-CN')).toBe('1天2小时');
    expect(formatDuration(3_600_000 + 5_000, 'en')).toBe('1h');
    expect(formatDuration(125_000, 'en')).toBe('2m 5s');
  });

  it('formats times in Beijing time by default', () => {
    expect(formatLocalTime(new Date('2026-11-22T00:03:20Z'))).toBe('2026-11-22 08:03');
    expect(formatLocalTime(new Date('2026-11-22T00:03:20Z'), 'UTC')).toBe('2026-11-22 00:03');
  });
});
