import { z } from 'zod';
import { AlertSeverity, ChannelKindKey } from './alert-channels.ts';
import { Page, PageQuery } from './common.ts';

// Notification channels (configured senders) and notifications (rows of the delivery outbox), as the API shows them.

/** Why a notification row exists. */
export const NotificationKind = z.enum(['alert', 'test', 'digest', 'escalation']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** pending → sending → sent; a retryable failure goes back to pending, a permanent one (or the last attempt) to dead. */
export const NotificationStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'dead']);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

/** The rendered message stored in the outbox; the same shape as the senders' ChannelMessage. */
export const ChannelMessage = z.object({
  title: z.string().max(500),
  text: z.string().max(20_000),
  markdown: z.string().max(20_000).optional(),
  severity: AlertSeverity,
  url: z.string().max(2_000).optional(),
  mentions: z.object({ mobiles: z.array(z.string()).optional(), userIds: z.array(z.string()).optional(), all: z.boolean().optional() }).optional(),
  to: z.array(z.string()).optional(),
  vars: z.record(z.string(), z.string()).optional(),
});
export type ChannelMessage = z.infer<typeof ChannelMessage>;

const ChannelName = z.string().trim().min(1).max(100);
const RatePerMinute = z.number().int().min(1).max(6_000);
/** Checked against the kind's own schema by the server; kept open here so one form posts every kind. */
const KindFields = z.record(z.string(), z.unknown());

export const NotificationChannel = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  kind: ChannelKindKey,
  config: KindFields,
  /** Secrets are write-only: the API says whether there are any, never what they are. */
  hasSecrets: z.boolean(),
  ratePerMinute: RatePerMinute.nullable(),
  isEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const NotificationChannelCreateInput = z.object({
  orgId: z.uuid(),
  name: ChannelName,
  kind: ChannelKindKey,
  config: KindFields.default({}),
  secrets: KindFields.optional(),
  ratePerMinute: RatePerMinute.nullable().default(null),
  isEnabled: z.boolean().default(true),
});
export type NotificationChannelCreateInput = z.input<typeof NotificationChannelCreateInput>;

export const NotificationChannelUpdateInput = z.object({
  name: ChannelName.optional(),
  config: KindFields.optional(),
  /** Replaces every stored secret; absent keeps them. */
  secrets: KindFields.optional(),
  ratePerMinute: RatePerMinute.nullable().optional(),
  isEnabled: z.boolean().optional(),
});
export type NotificationChannelUpdateInput = z.infer<typeof NotificationChannelUpdateInput>;

export const NotificationChannelListQuery = PageQuery.extend({ orgId: z.uuid().optional(), kind: ChannelKindKey.optional() });
export type NotificationChannelListQuery = z.infer<typeof NotificationChannelListQuery>;
export const NotificationChannelPage = Page(NotificationChannel);
export type NotificationChannelPage = z.infer<typeof NotificationChannelPage>;

export const NotificationChannelTestInput = z.object({ text: z.string().trim().min(1).max(500).optional() });
export type NotificationChannelTestInput = z.infer<typeof NotificationChannelTestInput>;
export const NotificationChannelTestResult = z.object({ notificationId: z.number().int() });
export type NotificationChannelTestResult = z.infer<typeof NotificationChannelTestResult>;

/** Notification ids are bigserial numbers, not uuids. */
export const NotificationIdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export type NotificationIdParam = z.infer<typeof NotificationIdParam>;

export const Notification = z.object({
  id: z.number().int(),
  orgId: z.uuid(),
  channelId: z.uuid(),
  channelName: z.string(),
  channelKind: z.string(),
  alertId: z.uuid().nullable(),
  kind: NotificationKind,
  /** the person it went to (on call, escalation), when it went to one rather than to a group */
  recipientUserId: z.uuid().nullable(),
  recipientName: z.string().nullable(),
  escalationStep: z.number().int().nullable(),
  title: z.string(),
  severity: z.string(),
  status: NotificationStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({
  page: PageQuery.shape.page,
  pageSize: PageQuery.shape.pageSize,
  status: NotificationStatus.optional(),
  channelId: z.uuid().optional(),
  alertId: z.uuid().optional(),
  orgId: z.uuid().optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;
export const NotificationPage = Page(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;
