import { z } from 'zod';
import { HttpHeaders, PemText } from './probe-kinds/network-target.ts';
import { StatusCodeList } from './probe-kinds/http.ts';

// Config and secrets of every notification channel kind. Config is stored as is and shown in forms; secrets are stored
// SM4-sealed by the caller and never returned, so every key, token and password lives in a *Secrets schema.

/** Every channel kind a sender exists for. */
export const CHANNEL_KIND_KEYS = ['wecom', 'dingtalk', 'feishu', 'email', 'sms_http', 'sms_aliyun', 'sms_tencent', 'webhook'] as const;
export const ChannelKindKey = z.enum(CHANNEL_KIND_KEYS);
export type ChannelKindKey = z.infer<typeof ChannelKindKey>;

/** Alert severity, mapped to the contract fault levels 一级 … 四级. */
export const AlertSeverity = z.enum(['P1', 'P2', 'P3', 'P4']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

const WebUrl = z.url({ protocol: /^https?$/ }).max(2_000);
/** A mainland mobile (13800001111), optionally in E.164 (+8613800001111). */
export const PhoneNumber = z.string().trim().regex(/^\+?\d{5,20}$/, 'digits only, optionally with a leading +');
/** Mentions fixed on the channel (e.g. the on-duty group leader), added to those of each message. */
const StaticMentions = {
  mentionMobiles: z.array(PhoneNumber).max(50).default([]).describe('Always @ these mobiles'),
  mentionAll: z.boolean().default(false).describe('Always @ everyone in the group'),
};
/** Lower than the platform's own limit when a group is shared with other senders. */
const RateLimitPerMinute = z.number().int().min(1).max(6_000).optional().describe('Messages per minute (defaults to the platform limit)');
/** Secret text that must not be blank; the limit stops a pasted file from bloating the sealed row. */
const SecretText = z.string().trim().min(1).max(4_000);

/** WeCom group robot: the webhook key is the only credential. */
export const WecomChannelConfig = z.object({
  baseUrl: WebUrl.default('https://qyapi.weixin.qq.com/cgi-bin/webhook/send').describe('Change only for a relay in the DMZ'),
  format: z.enum(['markdown', 'text']).default('markdown'),
  ...StaticMentions,
  rateLimitPerMinute: RateLimitPerMinute,
});
export type WecomChannelConfig = z.infer<typeof WecomChannelConfig>;
/** The bare key or the whole webhook URL as copied from the WeCom client (the sender takes the key out of it). */
export const WecomChannelSecrets = z.object({ key: SecretText });
export type WecomChannelSecrets = z.infer<typeof WecomChannelSecrets>;

/** DingTalk custom robot; 加签 is optional because a keyword or an IP allowlist may secure the robot instead. */
export const DingtalkChannelConfig = z.object({
  baseUrl: WebUrl.default('https://oapi.dingtalk.com/robot/send'),
  format: z.enum(['markdown', 'text']).default('markdown'),
  keyword: z.string().trim().min(1).max(50).optional().describe('自定义关键词: added to messages that lack it'),
  ...StaticMentions,
  rateLimitPerMinute: RateLimitPerMinute,
});
export type DingtalkChannelConfig = z.infer<typeof DingtalkChannelConfig>;
export const DingtalkChannelSecrets = z.object({
  /** the bare token or the whole webhook URL */
  accessToken: SecretText,
  signSecret: SecretText.regex(/^SEC/, 'the 加签 secret starts with SEC').optional(),
});
export type DingtalkChannelSecrets = z.infer<typeof DingtalkChannelSecrets>;

/** Feishu / Lark custom bot; the hook token is the last segment of the webhook URL. */
export const FeishuChannelConfig = z.object({
  baseUrl: WebUrl.default('https://open.feishu.cn/open-apis/bot/v2/hook/').describe('Lark: https://open.larksuite.com/open-apis/bot/v2/hook/'),
  format: z.enum(['interactive', 'post', 'text']).default('interactive'),
  /** Feishu custom bots can only @ by open_id/user_id, not by mobile. */
  mentionUserIds: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  mentionAll: z.boolean().default(false),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type FeishuChannelConfig = z.infer<typeof FeishuChannelConfig>;
export const FeishuChannelSecrets = z.object({
  /** the last segment of the webhook URL, or the whole URL */
  hookToken: SecretText,
  signSecret: SecretText.optional(),
});
export type FeishuChannelSecrets = z.infer<typeof FeishuChannelSecrets>;

/** SMTP: `tls` is implicit TLS (usually 465), `starttls` requires the upgrade (587/25), `none` for plain intranet relays. */
export const EmailChannelConfig = z.object({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9_.:\-[\]]+$/, 'not a host name or IP address'),
  port: z.number().int().min(1).max(65_535).default(465),
  security: z.enum(['tls', 'starttls', 'none']).default('tls'),
  caPem: PemText.optional().describe('Trust this CA (PEM), e.g. the hospital private CA of Coremail/Exchange'),
  ignoreTls: z.boolean().default(false).describe('Accept untrusted certificates (not recommended)'),
  from: z.string().trim().min(3).max(320).describe('e.g. "医维告警 <alerts@hospital.cn>"'),
  to: z.array(z.email()).max(100).default([]).describe('Always sent to these addresses'),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type EmailChannelConfig = z.infer<typeof EmailChannelConfig>;
/** QQ/163 enterprise mail want an 授权码 (app password) here, not the login password. */
export const EmailChannelSecrets = z.object({ user: SecretText.optional(), password: SecretText.optional() });
export type EmailChannelSecrets = z.infer<typeof EmailChannelSecrets>;

/**
 * A hospital's own SMS gateway over HTTP. Templates may use {{phone}}, {{phones}} (comma-joined), {{text}}, {{title}},
 * {{severity}}, {{url}} and {{secret.NAME}}; values are escaped for where they land (URL, JSON string, form field).
 */
export const SmsHttpChannelConfig = z.object({
  method: z.enum(['GET', 'POST', 'PUT']).default('POST'),
  url: z.string().trim().min(8).max(2_000).regex(/^https?:\/\/[^\s@/]+(\/\S*)?$/, 'an http(s) URL; credentials go in {{secret.NAME}}'),
  headers: HttpHeaders.default({}),
  encoding: z.enum(['json', 'form', 'none']).default('json'),
  bodyTemplate: z.string().max(16_000).default('{"mobile":"{{phone}}","content":"{{text}}"}'),
  /** one request per number, or one request with {{phones}} for gateways that take a list */
  isPerRecipient: z.boolean().default(true),
  phones: z.array(PhoneNumber).max(100).default([]).describe('Always sent to these numbers'),
  successStatus: StatusCodeList.default('200-299'),
  successJsonPath: z.string().trim().regex(/^\$?(\.?[\w-]+|\[\d+\])+$/, 'a path like $.result.code').optional(),
  successValue: z.string().max(200).default('0').describe('Compared as text with the value at successJsonPath'),
  maxLength: z.number().int().min(10).max(1_000).default(300),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type SmsHttpChannelConfig = z.infer<typeof SmsHttpChannelConfig>;
export const SmsHttpChannelSecrets = z.object({
  headers: HttpHeaders.default({}).describe('e.g. Authorization'),
  variables: z.record(z.string().regex(/^\w{1,50}$/), z.string().max(4_000)).default({}).describe('Used as {{secret.NAME}}'),
});
export type SmsHttpChannelSecrets = z.infer<typeof SmsHttpChannelSecrets>;

/** Template variables of an approved SMS template, each a small template over the message ({{title}}, {{asset}} …). */
const SmsTemplateParams = z.record(z.string().regex(/^\w{1,50}$/), z.string().max(500));

/** Aliyun dysmsapi SendSms (2017-05-25); the sign name and template must be approved in the console. */
export const SmsAliyunChannelConfig = z.object({
  endpoint: WebUrl.default('https://dysmsapi.aliyuncs.com/'),
  regionId: z.string().trim().min(1).max(50).default('cn-hangzhou'),
  signName: z.string().trim().min(1).max(50),
  templateCode: z.string().trim().regex(/^SMS_\d+$/, 'e.g. SMS_71390007'),
  templateParams: SmsTemplateParams.default({ title: '{{title}}' }),
  phones: z.array(PhoneNumber).max(1_000).default([]),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type SmsAliyunChannelConfig = z.infer<typeof SmsAliyunChannelConfig>;
export const SmsAliyunChannelSecrets = z.object({ accessKeyId: SecretText, accessKeySecret: SecretText });
export type SmsAliyunChannelSecrets = z.infer<typeof SmsAliyunChannelSecrets>;

/** Tencent Cloud SMS SendSms (2021-01-11); template parameters are positional. */
export const SmsTencentChannelConfig = z.object({
  endpoint: WebUrl.default('https://sms.tencentcloudapi.com/'),
  region: z.string().trim().min(1).max(50).default('ap-guangzhou'),
  smsSdkAppId: z.string().trim().regex(/^\d{5,20}$/, 'e.g. 1400006666'),
  signName: z.string().trim().min(1).max(50),
  templateId: z.string().trim().regex(/^\d{1,20}$/),
  templateParams: z.array(z.string().max(500)).max(20).default(['{{title}}']),
  phones: z.array(PhoneNumber).max(200).default([]),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type SmsTencentChannelConfig = z.infer<typeof SmsTencentChannelConfig>;
export const SmsTencentChannelSecrets = z.object({ secretId: SecretText, secretKey: SecretText });
export type SmsTencentChannelSecrets = z.infer<typeof SmsTencentChannelSecrets>;

/** Generic JSON POST, signed with X-Yiwei-Signature so the receiver can check origin and freshness. */
export const WebhookChannelConfig = z.object({
  url: WebUrl.refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'put credentials in secret headers, not in the URL'),
  headers: HttpHeaders.default({}),
  rateLimitPerMinute: RateLimitPerMinute,
});
export type WebhookChannelConfig = z.infer<typeof WebhookChannelConfig>;
export const WebhookChannelSecrets = z.object({
  signingSecret: SecretText.min(16, 'at least 16 characters'),
  headers: HttpHeaders.default({}),
});
export type WebhookChannelSecrets = z.infer<typeof WebhookChannelSecrets>;

/** Config schema per kind, for forms and for parsing stored rows. */
export const CHANNEL_CONFIG_SCHEMAS = {
  wecom: WecomChannelConfig,
  dingtalk: DingtalkChannelConfig,
  feishu: FeishuChannelConfig,
  email: EmailChannelConfig,
  sms_http: SmsHttpChannelConfig,
  sms_aliyun: SmsAliyunChannelConfig,
  sms_tencent: SmsTencentChannelConfig,
  webhook: WebhookChannelConfig,
} as const satisfies Record<ChannelKindKey, z.ZodType>;

/** Secrets schema per kind; the web shows these fields masked and never receives their values. */
export const CHANNEL_SECRETS_SCHEMAS = {
  wecom: WecomChannelSecrets,
  dingtalk: DingtalkChannelSecrets,
  feishu: FeishuChannelSecrets,
  email: EmailChannelSecrets,
  sms_http: SmsHttpChannelSecrets,
  sms_aliyun: SmsAliyunChannelSecrets,
  sms_tencent: SmsTencentChannelSecrets,
  webhook: WebhookChannelSecrets,
} as const satisfies Record<ChannelKindKey, z.ZodType>;
