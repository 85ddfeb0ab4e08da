import type { ColumnType, Generated } from 'kysely';
import type { ProbeState } from '../../../shared/schemas/probes.ts';

type Json<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, number | string | undefined, number | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AgentsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  tokenHash: string;
  version: string | null;
  hostname: string | null;
  lastSeenAt: Date | null;
  lastBatchSeq: ColumnType<string, number | string | undefined, number | string>;
  backlog: Generated<number>;
  clockSkewMs: number | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  revokedAt: Date | null;
}

export interface ProbesTable {
  id: Generated<string>;
  orgId: string;
  assetId: string | null;
  name: string;
  kind: string;
  config: Json<Record<string, unknown>>;
  secretsSealed: string | null;
  intervalS: number;
  timeoutMs: number;
  retries: Defaulted<number>;
  retryIntervalS: number;
  agentId: string | null;
  availabilityTarget: Numeric;
  shard: Generated<number>;
  heartbeatKey: string | null;
  lastPushAt: Date | null;
  lastPushStatus: string | null;
  lastPushMessage: string | null;
  isPaused: Generated<boolean>;
  state: ColumnType<ProbeState, ProbeState | undefined, ProbeState>;
  stateSince: Generated<Date>;
  stateMessage: string | null;
  isFlapping: Generated<boolean>;
  machine: Json<unknown> | null;
  changeSeq: Generated<string>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface MaintenanceWindowsTable {
  id: Generated<string>;
  orgId: string;
  scope: 'probe' | 'asset' | 'organisation';
  probeId: string | null;
  assetId: string | null;
  title: string;
  reason: string | null;
  startsAt: Date;
  endsAt: Date;
  recurrence: Json<unknown> | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  cancelledAt: Date | null;
}

export interface ProbeResultsTable {
  probeId: string;
  orgId: string;
  checkedAt: Date;
  /** 0 up, 1 degraded, 2 down, 3 unknown (CHECK_STATUS_CODES in results/) */
  status: number;
  latencyMs: number | null;
  code: string | null;
  message: string | null;
  measurements: Json<Record<string, number>> | null;
  agentId: string | null;
  isMaintenance: Generated<boolean>;
}

export interface ProbeRollupsTable {
  probeId: string;
  orgId: string;
  bucketAt: Date;
  total: number;
  successes: number;
  degraded: number;
  maintenance: number;
  latencyMin: number | null;
  latencyAvg: number | null;
  latencyMax: number | null;
  latencyP95: number | null;
}

export interface ProbeStateChangesTable {
  id: Generated<string>;
  probeId: string;
  orgId: string;
  fromState: ProbeState;
  toState: ProbeState;
  changedAt: Date;
  message: string | null;
  causeProbeId: string | null;
}

export interface ProbeOutagesTable {
  id: Generated<string>;
  probeId: string;
  orgId: string;
  assetId: string | null;
  state: ProbeState;
  startedAt: Date;
  endedAt: Date | null;
  cause: string | null;
  causeProbeId: string | null;
}

export interface MonitoringTables {
  agents: AgentsTable;
  probes: ProbesTable;
  maintenanceWindows: MaintenanceWindowsTable;
  probeResults: ProbeResultsTable;
  // CamelCasePlugin puts no underscore before a digit: probeRollups_5m maps to probe_rollups_5m
  probeRollups_5m: ProbeRollupsTable;
  probeRollups_1h: ProbeRollupsTable;
  probeRollups_1d: ProbeRollupsTable;
  probeRollupDirty: { probeId: string; bucketAt: Date };
  monitoringWatermarks: { name: string; reachedAt: Date };
  probeStateChanges: ProbeStateChangesTable;
  probeOutages: ProbeOutagesTable;
  monitoringWorkers: { workerId: string; startedAt: Date; heartbeatAt: Date };
  probeShardLeases: { shard: number; workerId: string | null; expiresAt: Date };
}
