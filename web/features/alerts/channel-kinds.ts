import type { z } from 'zod';
import { CHANNEL_CONFIG_SCHEMAS, CHANNEL_SECRETS_SCHEMAS, type ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import type { alertsZhCN } from '../../i18n/alerts.zh-CN.ts';
import { recordToRows, rowsToRecord, type KeyValueRow } from './alert-format.ts';

/** A field's label is `alerts.channels.fields.<name>`, its help `alerts.channels.help.<help>`. */
export type ChannelFieldName = keyof typeof alertsZhCN.channels.fields;
export type ChannelHelpKey = keyof typeof alertsZhCN.channels.help;
export type ChannelField = {
  /** the key in the config or secrets object */
  key: string;
  name: ChannelFieldName;
  /** list = several values typed as tags; kv = name / value rows (headers, template parameters) */
  type: 'text' | 'number' | 'select' | 'boolean' | 'textarea' | 'list' | 'kv' | 'password';
  isRequired?: boolean;
  isWide?: boolean;
  help?: ChannelHelpKey;
};
type KindSpec = { config: readonly ChannelField[]; secrets: readonly ChannelField[] };

const f = (key: string, type: ChannelField['type'], extra: Partial<ChannelField> = {}): ChannelField => ({ key, name: key as ChannelFieldName, type, ...extra });
const req = { isRequired: true } as const;

const ROBOT_URL = f('baseUrl', 'text', { isWide: true, help: 'baseUrl' });
const FORMAT = f('format', 'select');
const MOBILES = f('mentionMobiles', 'list', { help: 'mentionMobiles' });
const MENTION_ALL = f('mentionAll', 'boolean');
const PHONES = f('phones', 'list', { help: 'phones' });

/**
 * The fields the channel form shows per kind, over the kinds' own schemas (shared/schemas/alert-channels.ts), which
 * also give the select options, the defaults and the validation. Anything else stored in a channel's config is kept.
 */
export const CHANNEL_SPECS: Record<ChannelKindKey, KindSpec> = {
  wecom: { config: [ROBOT_URL, FORMAT, MOBILES, MENTION_ALL], secrets: [f('key', 'password', { ...req, help: 'key' })] },
  dingtalk: {
    config: [ROBOT_URL, FORMAT, f('keyword', 'text', { help: 'keyword' }), MOBILES, MENTION_ALL],
    secrets: [f('accessToken', 'password', { ...req, help: 'accessToken' }), f('signSecret', 'password', { help: 'signSecret' })],
  },
  feishu: {
    config: [ROBOT_URL, FORMAT, f('mentionUserIds', 'list', { help: 'mentionUserIds' }), MENTION_ALL],
    secrets: [f('hookToken', 'password', { ...req, help: 'hookToken' }), f('signSecret', 'password')],
  },
  email: {
    config: [f('host', 'text', req), f('port', 'number'), f('security', 'select'), f('from', 'text', { ...req, help: 'from' }), f('to', 'list'), f('ignoreTls', 'boolean'), f('caPem', 'textarea', { isWide: true, help: 'caPem' })],
    secrets: [f('user', 'password'), f('password', 'password', { help: 'password' })],
  },
  sms_http: {
    config: [
      f('url', 'text', { ...req, isWide: true, help: 'url' }),
      f('method', 'select'),
      f('encoding', 'select'),
      f('headers', 'kv', { isWide: true }),
      f('bodyTemplate', 'textarea', { isWide: true, help: 'bodyTemplate' }),
      f('isPerRecipient', 'boolean', { help: 'isPerRecipient' }),
      PHONES,
      f('successStatus', 'text'),
      f('successJsonPath', 'text', { help: 'successJsonPath' }),
      f('successValue', 'text'),
      f('maxLength', 'number'),
    ],
    secrets: [{ ...f('headers', 'kv', { isWide: true }), name: 'secretHeaders' }, f('variables', 'kv', { isWide: true, help: 'variables' })],
  },
  sms_aliyun: {
    config: [f('endpoint', 'text', { isWide: true }), f('regionId', 'text'), f('signName', 'text', req), f('templateCode', 'text', req), f('templateParams', 'kv', { isWide: true, help: 'templateParams' }), PHONES],
    secrets: [f('accessKeyId', 'password', req), f('accessKeySecret', 'password', req)],
  },
  sms_tencent: {
    config: [
      f('endpoint', 'text', { isWide: true }),
      f('region', 'text'),
      f('smsSdkAppId', 'text', req),
      f('signName', 'text', req),
      f('templateId', 'text', req),
      { ...f('templateParams', 'list', { help: 'templateParamsList' }), name: 'templateParamsList' },
      PHONES,
    ],
    secrets: [f('secretId', 'password', req), f('secretKey', 'password', req)],
  },
  webhook: {
    config: [f('url', 'text', { ...req, isWide: true }), f('headers', 'kv', { isWide: true })],
    secrets: [f('signingSecret', 'password', { ...req, help: 'signingSecret' }), { ...f('headers', 'kv', { isWide: true }), name: 'secretHeaders' }],
  },
};

/** The kinds in the order the picker offers them: group robots, then e-mail, SMS, webhook. */
export const CHANNEL_KIND_ORDER: readonly ChannelKindKey[] = ['wecom', 'dingtalk', 'feishu', 'email', 'sms_aliyun', 'sms_tencent', 'sms_http', 'webhook'];

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return 'shape' in schema ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** The values of an enum field, looking through .default() / .optional() wrappers. */
export function enumOptions(kind: ChannelKindKey, key: string): string[] {
  let node: unknown = shapeOf(CHANNEL_CONFIG_SCHEMAS[kind])[key];
  for (let depth = 0; depth < 5 && node && typeof node === 'object'; depth++) {
    if ('options' in node && Array.isArray(node.options)) return node.options.map(String);
    const def = (node as { def?: { innerType?: unknown } }).def;
    node = def?.innerType;
  }
  return [];
}

/** What the form holds: kv fields as rows, everything else as the schema has it. */
export type FormFields = Record<string, unknown>;

/** The schema default of each shown config field (markdown format, port 465 …), in form shape. */
export function configDefaults(kind: ChannelKindKey): FormFields {
  const shape = shapeOf(CHANNEL_CONFIG_SCHEMAS[kind]);
  const out: FormFields = {};
  for (const field of CHANNEL_SPECS[kind].config) {
    const parsed = shape[field.key]?.safeParse(undefined);
    if (parsed?.success && parsed.data !== undefined) out[field.key] = field.type === 'kv' ? recordToRows(parsed.data as Record<string, unknown>) : parsed.data;
  }
  return out;
}

/** A stored config in form shape; keys the form does not show stay out of it (and are kept on save). */
export function configToForm(kind: ChannelKindKey, config: Record<string, unknown>): FormFields {
  const out: FormFields = {};
  for (const field of CHANNEL_SPECS[kind].config) {
    const value = config[field.key];
    if (value === undefined) continue;
    out[field.key] = field.type === 'kv' ? recordToRows(value as Record<string, unknown>) : value;
  }
  return out;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The config to send: the stored config with the form's fields on top; a blank field falls back to the schema default. */
export function formToConfig(kind: ChannelKindKey, values: FormFields, stored: Record<string, unknown> = {}): Record<string, unknown> {
  const config: Record<string, unknown> = { ...stored };
  for (const field of CHANNEL_SPECS[kind].config) {
    let value = values[field.key];
    if (field.type === 'kv') value = rowsToRecord(value as KeyValueRow[] | undefined);
    if (field.type === 'list') value = ((value as unknown[] | undefined) ?? []).map((v) => String(v).trim()).filter(Boolean);
    if (typeof value === 'string' && field.type !== 'textarea') value = value.trim();
    // a list or a map emptied on purpose is sent empty; a blank scalar means "use the default"
    if (isBlank(value) && field.type !== 'list' && field.type !== 'kv') delete config[field.key];
    else config[field.key] = value;
  }
  return config;
}

/** The secrets object from the filled secret inputs, or undefined when none was filled. */
export function formToSecrets(kind: ChannelKindKey, values: FormFields): Record<string, unknown> | undefined {
  const secrets: Record<string, unknown> = {};
  for (const field of CHANNEL_SPECS[kind].secrets) {
    const raw = values[field.key];
    const value = field.type === 'kv' ? rowsToRecord(raw as KeyValueRow[] | undefined) : typeof raw === 'string' ? raw.trim() : raw;
    if (isBlank(value) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) continue;
    secrets[field.key] = value;
  }
  return Object.keys(secrets).length ? secrets : undefined;
}

export type FieldIssue = { name: (string | number)[]; message: string };

/** Checks config (and secrets, when given) with the kind's schemas; each issue on its form field. */
export function channelIssues(kind: ChannelKindKey, config: Record<string, unknown>, secrets: Record<string, unknown> | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (schema: z.ZodType, value: unknown, section: 'config' | 'secrets') => {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const i of result.error.issues) {
      const key = i.path[0];
      issues.push({ name: typeof key === 'string' ? [section, key] : [section], message: i.message });
    }
  };
  check(CHANNEL_CONFIG_SCHEMAS[kind], config, 'config');
  if (secrets) check(CHANNEL_SECRETS_SCHEMAS[kind], secrets, 'secrets');
  return issues;
}
