import type { ColumnType, Generated } from 'kysely';
import type { AlertEventKind, AlertRuleAggregate, AlertRuleMetric, AlertIntegrationConfig, AlertIntegrationKind, AlertRouteConditions, AlertSource, AlertStatus, AlertSuppression, EscalationStep, LabelMatcher } from '../../../shared/schemas/alerts.ts';
import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import type { OnCallSchedule } from '../../../shared/schemas/oncall.ts';

type Json<T> = ColumnType<T, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AlertsTable {
  id: Generated<string>;
  orgId: string;
  source: AlertSource;
  dedupKey: string;
  severity: AlertSeverity;
  status: Defaulted<AlertStatus>;
  title: string;
  summary: Defaulted<string>;
  labels: Json<Record<string, string>>;
  assetId: string | null;
  probeId: string | null;
  groupKey: string;
  count: Defaulted<number>;
  suppression: AlertSuppression | null;
  causeAlertId: string | null;
  silenceId: string | null;
  routeId: string | null;
  escalationPolicyId: string | null;
  escalationStep: Defaulted<number>;
  escalationRound: Defaulted<number>;
  nextEscalationAt: Date | null;
  url: string | null;
  firstFiredAt: Date;
  lastFiredAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  ticketRef: string | null;
  updatedAt: Generated<Date>;
}

export interface AlertEventsTable {
  /** bigserial, parsed to a number (platform/db.ts) */
  id: Generated<number>;
  alertId: string;
  kind: AlertEventKind;
  at: Date;
  actorId: string | null;
  details: Json<Record<string, unknown>>;
}

export interface AlertSilencesTable {
  id: Generated<string>;
  orgId: string;
  matchers: Json<LabelMatcher[]>;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface OnCallSchedulesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: Defaulted<string>;
  calendarId: string | null;
  rules: Json<OnCallSchedule>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface EscalationPoliciesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: Defaulted<string>;
  steps: Json<EscalationStep[]>;
  repeat: Defaulted<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface AlertRoutesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  position: Defaulted<number>;
  conditions: Json<AlertRouteConditions>;
  channelIds: Defaulted<string[]>;
  escalationPolicyId: string | null;
  notifyResolved: Defaulted<boolean>;
  isContinue: Defaulted<boolean>;
  isEnabled: Defaulted<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface AlertIntegrationsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  kind: AlertIntegrationKind;
  config: Json<AlertIntegrationConfig>;
  isEnabled: Defaulted<boolean>;
  lastReceivedAt: Date | null;
  /** bigint, parsed to a number */
  receivedCount: Defaulted<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface AlertRulesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  probeId: string | null;
  probeKind: string | null;
  metric: AlertRuleMetric;
  measurementKey: string | null;
  aggregate: AlertRuleAggregate;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  windowMinutes: number;
  minSamples: Defaulted<number>;
  severity: AlertSeverity;
  isEnabled: Defaulted<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface InboxItemsTable {
  id: Generated<number>;
  userId: string;
  orgId: string;
  alertId: string | null;
  title: string;
  text: string;
  severity: AlertSeverity;
  url: string | null;
  createdAt: Generated<Date>;
  readAt: Date | null;
}

export interface FeedCursorsTable {
  name: string;
  cursor: string;
  updatedAt: Generated<Date>;
}

/** The alert store's tables; server/db/database.ts adds this interface to Database. */
export interface AlertTables {
  alerts: AlertsTable;
  alertEvents: AlertEventsTable;
  alertSilences: AlertSilencesTable;
  oncallSchedules: OnCallSchedulesTable;
  escalationPolicies: EscalationPoliciesTable;
  alertRoutes: AlertRoutesTable;
  alertIntegrations: AlertIntegrationsTable;
  alertRules: AlertRulesTable;
  inboxItems: InboxItemsTable;
  feedCursors: FeedCursorsTable;
}
