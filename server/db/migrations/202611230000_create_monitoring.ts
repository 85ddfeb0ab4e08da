import { sql, type Kysely } from 'kysely';

// Monitoring: probes (configured checks of one target), edge agents, maintenance windows, the raw results
// partitioned by day, roll-ups, state changes and outages, and the shard leases workers share probes by.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table agents (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      -- SM3 of the agent's token; the token itself is shown once
      token_hash text not null unique,
      version text,
      hostname text,
      last_seen_at timestamptz,
      -- highest result batch accepted: a replayed batch at or below it is acknowledged and ignored
      last_batch_seq bigint not null default 0,
      backlog integer not null default 0,
      clock_skew_ms integer,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      constraint agents_name_unique unique (org_id, name)
    );

    create sequence probe_change_seq;

    create table probes (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      asset_id uuid references assets(id) on delete set null,
      name text not null,
      kind text not null,
      config jsonb not null,
      -- SM4-sealed JSON of passwords, communities and keys; never returned by the API
      secrets_sealed text,
      interval_s integer not null check (interval_s between 10 and 86400),
      timeout_ms integer not null check (timeout_ms between 100 and 120000),
      retries integer not null default 2 check (retries between 0 and 10),
      retry_interval_s integer not null check (retry_interval_s between 5 and 86400),
      agent_id uuid references agents(id),
      availability_target numeric(6, 3) not null default 99.9 check (availability_target > 0 and availability_target <= 100),
      -- the scheduling shard (0..63) workers lease; random so probes of one import spread evenly
      shard smallint not null default floor(random() * 64)::smallint check (shard between 0 and 63),
      heartbeat_key text unique,
      last_push_at timestamptz,
      last_push_status text,
      last_push_message text,
      is_paused boolean not null default false,
      state text not null default 'unknown',
      state_since timestamptz not null default now(),
      state_message text,
      is_flapping boolean not null default false,
      -- state machine memory for probes whose results arrive in batches (agents, heartbeats)
      machine jsonb,
      change_seq bigint not null default nextval('probe_change_seq'),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index probes_org_idx on probes (org_id) where deleted_at is null;
    create index probes_asset_idx on probes (asset_id) where deleted_at is null;
    create index probes_agent_idx on probes (agent_id) where deleted_at is null;
    create index probes_change_seq_idx on probes (change_seq);
    create index probes_failing_idx on probes (id) where state in ('down', 'unreachable') and deleted_at is null;
    create index probes_name_trgm_idx on probes using gin (name gin_trgm_ops);

    create table maintenance_windows (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      scope text not null check (scope in ('probe', 'asset', 'organisation')),
      probe_id uuid references probes(id) on delete cascade,
      asset_id uuid references assets(id) on delete cascade,
      title text not null,
      reason text,
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      -- null: one-off window [starts_at, ends_at); else { freq, weekdays, time, durationMinutes } repeating within it
      recurrence jsonb,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      cancelled_at timestamptz
    );
    create index maintenance_windows_active_idx on maintenance_windows (ends_at) where cancelled_at is null;

    create table probe_results (
      probe_id uuid not null,
      org_id uuid not null,
      checked_at timestamptz not null,
      status smallint not null,
      latency_ms real,
      code text,
      message text,
      measurements jsonb,
      agent_id uuid,
      is_maintenance boolean not null default false
    ) partition by range (checked_at);
    create index probe_results_probe_idx on probe_results (probe_id, checked_at);

    create table probe_rollups_5m (
      probe_id uuid not null,
      org_id uuid not null,
      bucket_at timestamptz not null,
      total integer not null,
      successes integer not null,
      degraded integer not null,
      maintenance integer not null,
      latency_min real,
      latency_avg real,
      latency_max real,
      latency_p95 real,
      primary key (probe_id, bucket_at)
    ) partition by range (bucket_at);
    -- one partition per day, made ahead by the partition job; the default one catches a stray clock
    create table probe_results_default partition of probe_results default;
    create table probe_rollups_5m_default partition of probe_rollups_5m default;

    create table probe_rollups_1h (
      probe_id uuid not null,
      org_id uuid not null,
      bucket_at timestamptz not null,
      total integer not null,
      successes integer not null,
      degraded integer not null,
      maintenance integer not null,
      latency_min real,
      latency_avg real,
      latency_max real,
      latency_p95 real,
      primary key (probe_id, bucket_at)
    );
    -- retention deletes by age
    create index probe_rollups_1h_bucket_idx on probe_rollups_1h (bucket_at);

    create table probe_rollups_1d (
      probe_id uuid not null,
      org_id uuid not null,
      bucket_at timestamptz not null,
      total integer not null,
      successes integer not null,
      degraded integer not null,
      maintenance integer not null,
      latency_min real,
      latency_avg real,
      latency_max real,
      latency_p95 real,
      primary key (probe_id, bucket_at)
    );
    create index probe_rollups_1d_bucket_idx on probe_rollups_1d (bucket_at);

    -- buckets whose raw results changed after they were rolled up (late agent replays)
    create table probe_rollup_dirty (
      probe_id uuid not null,
      bucket_at timestamptz not null,
      primary key (probe_id, bucket_at)
    );
    create table monitoring_watermarks (
      name text primary key,
      reached_at timestamptz not null
    );

    create table probe_state_changes (
      id bigserial primary key,
      probe_id uuid not null references probes(id) on delete cascade,
      org_id uuid not null,
      from_state text not null,
      to_state text not null,
      changed_at timestamptz not null,
      message text,
      cause_probe_id uuid
    );
    create index probe_state_changes_probe_idx on probe_state_changes (probe_id, changed_at);

    create table probe_outages (
      id bigserial primary key,
      probe_id uuid not null references probes(id) on delete cascade,
      org_id uuid not null,
      asset_id uuid,
      state text not null,
      started_at timestamptz not null,
      ended_at timestamptz,
      cause text,
      cause_probe_id uuid
    );
    create index probe_outages_probe_idx on probe_outages (probe_id, started_at);
    create index probe_outages_org_idx on probe_outages (org_id, started_at);
    create unique index probe_outages_open_idx on probe_outages (probe_id) where ended_at is null;

    create table monitoring_workers (
      worker_id text primary key,
      started_at timestamptz not null,
      heartbeat_at timestamptz not null
    );
    create table probe_shard_leases (
      shard smallint primary key,
      worker_id text,
      expires_at timestamptz not null
    );
    insert into probe_shard_leases (shard, worker_id, expires_at)
    select s, null, '-infinity' from generate_series(0, 63) s;
  `.execute(db);
}
