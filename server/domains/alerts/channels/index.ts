import type { ChannelKindKey } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelKind } from './channel.ts';
import { dingtalkChannel } from './dingtalk.ts';
import { emailChannel } from './email.ts';
import { feishuChannel } from './feishu.ts';
import { smsAliyunChannel } from './sms-aliyun.ts';
import { smsHttpChannel } from './sms-http.ts';
import { smsTencentChannel } from './sms-tencent.ts';
import { webhookChannel } from './webhook.ts';
import { wecomChannel } from './wecom.ts';

export type { ChannelKind, ChannelMessage, DeliveryOutcome, SendContext } from './channel.ts';
export { redact } from './channel.ts';
export { createChannelLimiter, effectiveRate, type Admission, type ChannelLimiter, type ChannelRate, type StormDigest } from './rate-limit.ts';
export {
  DEFAULT_TEMPLATES,
  SMS_MAX_CHARS,
  STANDARD_VARIABLES,
  digestVars,
  formatDuration,
  formatLocalTime,
  renderChannelMessage,
  renderTemplate,
  severityLabel,
  type MessageTemplate,
  type NotificationEvent,
  type RenderInput,
} from './templates.ts';
export { webhookSignature } from './webhook.ts';

/** Every channel sender by kind; the outbox parses config and secrets with the kind's schemas before calling `send`. */
export const CHANNEL_KINDS: { readonly [K in ChannelKindKey]: ChannelKind<any, any> } = {
  wecom: wecomChannel,
  dingtalk: dingtalkChannel,
  feishu: feishuChannel,
  email: emailChannel,
  sms_http: smsHttpChannel,
  sms_aliyun: smsAliyunChannel,
  sms_tencent: smsTencentChannel,
  webhook: webhookChannel,
};

/** The sender of a kind, or undefined for a kind this build does not know (e.g. a row written by a newer version). */
export function getChannelKind(kind: string): ChannelKind<any, any> | undefined {
  return Object.hasOwn(CHANNEL_KINDS, kind) ? CHANNEL_KINDS[kind as ChannelKindKey] : undefined;
}
