import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AuditEventsTable {
  seq: number;
  id: Generated<string>;
  occurredAt: ColumnType<Date, Date | string, never>;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionRef: string | null;
  requestId: string | null;
  eventType: string;
  objectType: string | null;
  objectId: string | null;
  action: string;
  result: 'success' | 'failure';
  reason: string | null;
  riskLevel: 'low' | 'medium' | 'high';
  detail: unknown;
  prevMac: string;
  mac: string;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  createdAt: Generated<Date>;
  firstSeq: number;
  prevMac: string;
  purgedCount: number;
  mac: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  runAt: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedBy: string | null;
  lockedUntil: NullableTimestamp;
  lastError: string | null;
  uniqueKey: string | null;
  createdAt: Generated<Date>;
  finishedAt: NullableTimestamp;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  nextRunAt: ColumnType<Date, Date | string, Date | string>;
  lastRunAt: NullableTimestamp;
}

export interface PlatformTables {
  auditEvents: AuditEventsTable;
  auditCheckpoints: AuditCheckpointsTable;
  jobs: JobsTable;
  jobSchedules: JobSchedulesTable;
}
