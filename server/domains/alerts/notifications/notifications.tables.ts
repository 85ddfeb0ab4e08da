import type { ColumnType, Generated } from 'kysely';
import type { NotificationKind, NotificationStatus } from '../../../../shared/schemas/notifications.ts';

type Json<T> = ColumnType<T, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface NotificationChannelsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  kind: string;
  config: Json<Record<string, unknown>>;
  secretsSealed: string | null;
  ratePerMinute: number | null;
  isEnabled: Defaulted<boolean>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface NotificationsTable {
  /** bigserial; int8 is parsed to a number by both drivers (platform/db.ts) */
  id: Generated<number>;
  orgId: string;
  channelId: string;
  alertId: string | null;
  kind: NotificationKind;
  message: Json<Record<string, unknown>>;
  status: Defaulted<NotificationStatus>;
  attempts: Defaulted<number>;
  nextAttemptAt: Defaulted<Date>;
  leasedBy: string | null;
  leaseUntil: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Generated<Date>;
  /** the person a notification was for (on-call, escalation), when it went to one */
  recipientUserId: Defaulted<string | null>;
  escalationStep: Defaulted<number | null>;
}

/** The outbox's tables; server/db/database.ts adds this interface to Database. */
export interface NotificationTables {
  notificationChannels: NotificationChannelsTable;
  notifications: NotificationsTable;
}
