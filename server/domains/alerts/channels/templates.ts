import type { AlertSeverity, ChannelKindKey } from '../../../../shared/schemas/alert-channels.ts';
import type { Locale } from '../../../../shared/schemas/common.ts';
import { truncateChars, type ChannelMessage } from './channel.ts';

// Message templates and a renderer that only substitutes {{name}}: no expressions, no helpers, no code, so a template
// typed into the UI by any administrator can never run anything.

/** Why a notification is sent. */
export type NotificationEvent = 'firing' | 'resolved' | 'escalation' | 'digest';

/** One template per output shape: markdown for chat robots, plain text for e-mail and webhooks, a short text for SMS. */
export interface MessageTemplate {
  title: string;
  markdown: string;
  text: string;
  sms: string;
}

/** Variables the alert engine always knows; a template line using one that is empty is dropped (e.g. no link yet). */
export const STANDARD_VARIABLES = ['severity', 'severityBadge', 'org', 'asset', 'probe', 'state', 'since', 'duration', 'url', 'summary', 'step', 'count', 'titles'] as const;

/** SMS bodies are capped here: 300 characters is 5 billed segments of 67, enough for 系统+状态+时间+短链. */
export const SMS_MAX_CHARS = 300;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Replaces {{name}} with `escape(vars[name])`; unknown names stay visible so a typo shows up in the preview. */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>, escape: (value: string, name: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(vars, name) ? escape(vars[name]!, name) : whole));
}

/** Renders a multi-line template, dropping lines that use a standard variable without a value. */
function renderLines(template: string, vars: Readonly<Record<string, string>>, escape?: (value: string, name: string) => string): string {
  const isStandard = new Set<string>(STANDARD_VARIABLES);
  return template
    .split('\n')
    .filter((line) => [...line.matchAll(PLACEHOLDER)].every(([, name]) => !isStandard.has(name!) || (vars[name!] ?? '') !== ''))
    .map((line) => renderTemplate(line, vars, escape))
    .join('\n');
}

/** Fills a provider template parameter ({{title}}, {{severity}}, {{asset}} …) from a rendered message. */
export function fillMessageTemplate(template: string, message: ChannelMessage): string {
  return renderTemplate(template, { ...message.vars, title: message.title, text: message.text, severity: message.severity, url: message.url ?? '' });
}

/**
 * Chat markdown turns "<@all>", "<at user_id=…>" or "<font>" into mentions and markup; an asset named so must not page a
 * whole group, so angle brackets in values become full-width look-alikes.
 */
const escapeChatMarkdown = (v: string, name: string) => (name === 'severityBadge' ? v : v.replace(/</g, '＜').replace(/>/g, '＞'));

const SEVERITY_LABELS: Record<Locale, Record<AlertSeverity, string>> = {
  'zh-CN': { P1: '一级', P2: '二级', P3: '三级', P4: '四级' },
  en: { P1: 'critical', P2: 'major', P3: 'minor', P4: 'info' },
};

/** "P1 一级" / "P1 critical". */
export function severityLabel(severity: AlertSeverity, locale: Locale): string {
  return `${severity} ${SEVERITY_LABELS[locale][severity]}`;
}

/** The severity as each chat platform can colour it; resolved alerts are green everywhere. */
function severityBadge(kind: ChannelKindKey, event: NotificationEvent, severity: AlertSeverity, locale: Locale): string {
  const label = event === 'resolved' ? (locale === 'zh-CN' ? '已恢复' : 'resolved') : severityLabel(severity, locale);
  const isUrgent = severity === 'P1' || severity === 'P2';
  if (kind === 'wecom') return `<font color="${event === 'resolved' ? 'info' : isUrgent ? 'warning' : 'comment'}">${label}</font>`;
  if (kind === 'feishu') return `<font color='${event === 'resolved' ? 'green' : isUrgent ? 'red' : 'grey'}'>${label}</font>`;
  return `**${label}**`;
}

/** "1天2小时" / "1d 2h", at most two units, for {{duration}}. */
export function formatDuration(ms: number, locale: Locale): string {
  const units: Array<[number, string, string]> = [[86_400_000, '天', 'd'], [3_600_000, '小时', 'h'], [60_000, '分钟', 'm'], [1_000, '秒', 's']];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [size, zh, en] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(locale === 'zh-CN' ? `${n}${zh}` : `${n}${en}`);
    else if (parts.length > 0) break; // "1h" rather than "1h 0m 5s"; two adjacent units at most
  }
  return parts.length > 0 ? parts.join(locale === 'zh-CN' ? '' : ' ') : locale === 'zh-CN' ? '0秒' : '0s';
}

/** "2026-11-22 08:03" in the hospital's time zone, for {{since}}. */
export function formatLocalTime(at: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The shipped templates; channels may override any part of them. */
export const DEFAULT_TEMPLATES: Record<Locale, Record<NotificationEvent, MessageTemplate>> = {
  'zh-CN': {
    firing: {
      title: '【{{severity}}】{{asset}} {{state}}',
      markdown: '### {{severityBadge}} {{asset}} {{state}}\n> 机构：{{org}}\n> 监测：{{probe}}\n> 开始：{{since}}（已持续 {{duration}}）\n> 详情：{{summary}}\n\n[查看并确认]({{url}})',
      text: '【{{severity}}】{{asset}} {{state}}\n机构：{{org}}\n监测：{{probe}}\n开始：{{since}}（已持续 {{duration}}）\n详情：{{summary}}\n查看并确认：{{url}}',
      sms: '【{{severity}}】{{org}} {{asset}} {{state}}，始于{{since}}。确认：{{url}}',
    },
    resolved: {
      title: '【已恢复】{{asset}} {{state}}',
      markdown: '### {{severityBadge}} {{asset}} {{state}}\n> 机构：{{org}}\n> 监测：{{probe}}\n> 恢复：{{since}}（故障持续 {{duration}}）\n\n[查看]({{url}})',
      text: '【已恢复】{{asset}} {{state}}\n机构：{{org}}\n监测：{{probe}}\n恢复：{{since}}（故障持续 {{duration}}）\n查看：{{url}}',
      sms: '【已恢复】{{org}} {{asset}} {{state}}，故障持续{{duration}}。',
    },
    escalation: {
      title: '【升级·{{severity}}】{{asset}} {{state}} 未确认',
      markdown: '### {{severityBadge}} 告警升级（第 {{step}} 级）\n> {{asset}} {{state}}\n> 机构：{{org}}\n> 开始：{{since}}，已 {{duration}} 无人确认\n\n[立即确认]({{url}})',
      text: '【升级·{{severity}}】{{asset}} {{state}}\n第 {{step}} 级升级\n机构：{{org}}\n开始：{{since}}，已 {{duration}} 无人确认\n立即确认：{{url}}',
      sms: '【升级】{{severity}} {{org}} {{asset}} {{state}}已{{duration}}未确认，请处理：{{url}}',
    },
    digest: {
      title: '【告警合并】另有 {{count}} 条告警',
      markdown: '### {{severityBadge}} 告警风暴\n另有 {{count}} 条告警已合并：\n{{titles}}\n\n[查看全部]({{url}})',
      text: '另有 {{count}} 条告警已合并：\n{{titles}}\n查看全部：{{url}}',
      sms: '另有{{count}}条告警已合并，最高{{severity}}，请登录平台查看：{{url}}',
    },
  },
  en: {
    firing: {
      title: '[{{severity}}] {{asset}} {{state}}',
      markdown: '### {{severityBadge}} {{asset}} {{state}}\n> Organisation: {{org}}\n> Probe: {{probe}}\n> Since: {{since}} ({{duration}})\n> Details: {{summary}}\n\n[View and acknowledge]({{url}})',
      text: '[{{severity}}] {{asset}} {{state}}\nOrganisation: {{org}}\nProbe: {{probe}}\nSince: {{since}} ({{duration}})\nDetails: {{summary}}\nView and acknowledge: {{url}}',
      sms: '[{{severity}}] {{org}} {{asset}} {{state}} since {{since}}. Ack: {{url}}',
    },
    resolved: {
      title: '[Resolved] {{asset}} {{state}}',
      markdown: '### {{severityBadge}} {{asset}} {{state}}\n> Organisation: {{org}}\n> Probe: {{probe}}\n> Recovered: {{since}} (down for {{duration}})\n\n[View]({{url}})',
      text: '[Resolved] {{asset}} {{state}}\nOrganisation: {{org}}\nProbe: {{probe}}\nRecovered: {{since}} (down for {{duration}})\nView: {{url}}',
      sms: '[Resolved] {{org}} {{asset}} {{state}} after {{duration}}.',
    },
    escalation: {
      title: '[Escalated {{severity}}] {{asset}} {{state}} not acknowledged',
      markdown: '### {{severityBadge}} Escalation (step {{step}})\n> {{asset}} {{state}}\n> Organisation: {{org}}\n> Since {{since}}, unacknowledged for {{duration}}\n\n[Acknowledge now]({{url}})',
      text: '[Escalated {{severity}}] {{asset}} {{state}}\nStep {{step}}\nOrganisation: {{org}}\nSince {{since}}, unacknowledged for {{duration}}\nAcknowledge now: {{url}}',
      sms: '[Escalated] {{severity}} {{org}} {{asset}} {{state}} unacknowledged for {{duration}}: {{url}}',
    },
    digest: {
      title: '[Alert digest] {{count}} more alerts',
      markdown: '### {{severityBadge}} Alert storm\n{{count}} more alerts were folded:\n{{titles}}\n\n[View all]({{url}})',
      text: '{{count}} more alerts were folded:\n{{titles}}\nView all: {{url}}',
      sms: '{{count}} more alerts folded, highest {{severity}}. See the platform: {{url}}',
    },
  },
};

/** What the alert engine hands over to get a message for one channel. */
export interface RenderInput {
  kind: ChannelKindKey;
  event: NotificationEvent;
  locale: Locale;
  severity: AlertSeverity;
  /** org, asset, probe, state, since, duration, summary, step, count, titles, and any custom variables. */
  vars: Record<string, string>;
  url?: string;
  mentions?: ChannelMessage['mentions'];
  to?: string[];
  /** A channel's own wording; missing parts fall back to the defaults. */
  template?: Partial<MessageTemplate>;
}

/** Renders the message for one channel kind: markdown for chat robots, a capped short text for SMS, subject + text for e-mail. */
export function renderChannelMessage(input: RenderInput): ChannelMessage {
  const template = { ...DEFAULT_TEMPLATES[input.locale][input.event], ...input.template };
  const vars: Record<string, string> = {
    ...input.vars,
    severity: severityLabel(input.severity, input.locale),
    url: input.url ?? '',
  };
  // Plain outputs get the badge as plain words; the coloured markup is only for markdown.
  vars.severityBadge = input.event === 'resolved' ? (input.locale === 'zh-CN' ? '已恢复' : 'resolved') : vars.severity!;
  const badge = severityBadge(input.kind, input.event, input.severity, input.locale);
  const isSms = input.kind.startsWith('sms_');
  const title = truncateChars(renderTemplate(template.title, vars).replace(/\s+/g, ' ').trim(), 200);
  const text = isSms ? truncateChars(renderLines(template.sms, vars).trim(), SMS_MAX_CHARS) : renderLines(template.text, vars).trim();
  const isChat = input.kind === 'wecom' || input.kind === 'dingtalk' || input.kind === 'feishu';
  const markdown = isChat || input.kind === 'webhook' ? renderLines(template.markdown, { ...vars, severityBadge: badge }, escapeChatMarkdown).trim() : undefined;
  return {
    title,
    text,
    markdown,
    severity: input.severity,
    url: input.url,
    mentions: input.mentions,
    to: input.to,
    vars: { ...input.vars, severity: vars.severity! },
  };
}

/** Variables for the digest template from what the limiter folded: the count and up to ten titles as a list. */
export function digestVars(digest: { count: number; titles: readonly string[] }, locale: Locale): Record<string, string> {
  const shown = digest.titles.slice(0, 10).map((t) => `- ${t}`);
  if (digest.count > shown.length) shown.push(locale === 'zh-CN' ? `- …等 ${digest.count} 条` : `- … ${digest.count} in total`);
  return { count: String(digest.count), titles: shown.join('\n') };
}
