import { sql, type Kysely } from 'kysely';

// The alert store and its routing configuration: alerts with their timeline, silences, on-call schedules, escalation
// policies, routes, inbound integrations, per-user in-app notifications, and the cursor of the probe-state consumer.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table alerts (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      source text not null check (source in ('probe', 'rule', 'asset', 'alertmanager', 'zabbix', 'webhook')),
      dedup_key text not null,
      severity text not null check (severity in ('P1', 'P2', 'P3', 'P4')),
      status text not null default 'firing' check (status in ('firing', 'acknowledged', 'resolved')),
      title text not null,
      summary text not null default '',
      labels jsonb not null default '{}',
      asset_id uuid references assets(id),
      probe_id uuid references probes(id),
      group_key text not null,
      count integer not null default 1,
      suppression text check (suppression in ('silence', 'maintenance', 'dependency')),
      cause_alert_id uuid references alerts(id),
      silence_id uuid,
      route_id uuid,
      escalation_policy_id uuid,
      escalation_step integer not null default 0,
      -- repeat rounds of the policy already done
      escalation_round integer not null default 0,
      next_escalation_at timestamptz,
      url text,
      first_fired_at timestamptz not null,
      last_fired_at timestamptz not null,
      acknowledged_at timestamptz,
      acknowledged_by uuid references users(id),
      resolved_at timestamptz,
      resolved_by uuid references users(id),
      ticket_ref text,
      updated_at timestamptz not null default now()
    );
    -- one open alert per key; a resolved one may fire again as a new alert
    create unique index alerts_open_key_unique on alerts (org_id, dedup_key) where status <> 'resolved';
    create index alerts_org_open_idx on alerts (org_id, last_fired_at desc) where status <> 'resolved';
    -- the alert center's default view: open alerts somebody is notified of (a storm's suppressed thousands stay out)
    create index alerts_org_actionable_idx on alerts (org_id, last_fired_at desc) where status <> 'resolved' and suppression is null;
    create index alerts_org_last_idx on alerts (org_id, last_fired_at desc);
    create index alerts_escalation_due_idx on alerts (next_escalation_at) where next_escalation_at is not null;
    create index alerts_probe_open_idx on alerts (probe_id) where status <> 'resolved';
    create index alerts_asset_idx on alerts (asset_id) where asset_id is not null;
    create index alerts_group_open_idx on alerts (group_key) where status <> 'resolved';

    create table alert_events (
      id bigserial primary key,
      alert_id uuid not null references alerts(id),
      kind text not null,
      at timestamptz not null,
      actor_id uuid references users(id),
      details jsonb not null default '{}'
    );
    create index alert_events_alert_idx on alert_events (alert_id, id);

    create table alert_silences (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      matchers jsonb not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index alert_silences_org_end_idx on alert_silences (org_id, ends_at);

    create table oncall_schedules (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      description text not null default '',
      calendar_id uuid references work_calendars(id),
      rules jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index oncall_schedules_name_unique on oncall_schedules (org_id, name) where deleted_at is null;

    create table escalation_policies (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      description text not null default '',
      steps jsonb not null,
      repeat integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index escalation_policies_name_unique on escalation_policies (org_id, name) where deleted_at is null;

    create table alert_routes (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      position integer not null default 100,
      conditions jsonb not null,
      channel_ids uuid[] not null default '{}',
      escalation_policy_id uuid references escalation_policies(id),
      notify_resolved boolean not null default true,
      is_continue boolean not null default false,
      is_enabled boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index alert_routes_org_idx on alert_routes (org_id, position) where deleted_at is null;

    create table alert_integrations (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      kind text not null check (kind in ('alertmanager', 'zabbix', 'webhook')),
      config jsonb not null,
      is_enabled boolean not null default true,
      last_received_at timestamptz,
      received_count bigint not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index alert_integrations_name_unique on alert_integrations (org_id, name) where deleted_at is null;

    -- threshold rules on probe measurements ("p95 latency > 800 ms for 5 minutes")
    create table alert_rules (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      probe_id uuid references probes(id),
      probe_kind text,
      metric text not null check (metric in ('latency', 'failure_ratio', 'measurement')),
      measurement_key text,
      aggregate text not null check (aggregate in ('p95', 'avg', 'max', 'min', 'last')),
      op text not null check (op in ('>', '>=', '<', '<=')),
      threshold double precision not null,
      window_minutes integer not null check (window_minutes between 1 and 1440),
      min_samples integer not null default 3,
      severity text not null check (severity in ('P1', 'P2', 'P3', 'P4')),
      is_enabled boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index alert_rules_name_unique on alert_rules (org_id, name) where deleted_at is null;
    create index alert_rules_enabled_idx on alert_rules (org_id) where deleted_at is null and is_enabled;

    -- in-app notifications: one row per person
    create table inbox_items (
      id bigserial primary key,
      user_id uuid not null references users(id),
      org_id uuid not null references organisations(id),
      alert_id uuid references alerts(id),
      title text not null,
      text text not null,
      severity text not null,
      url text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index inbox_items_user_idx on inbox_items (user_id, id desc);
    create index inbox_items_unread_idx on inbox_items (user_id) where read_at is null;

    -- the outbox learns whom a notification was for and which escalation step sent it ("who was notified")
    alter table notifications add constraint notifications_alert_fk foreign key (alert_id) references alerts(id);
    alter table notifications add column recipient_user_id uuid references users(id);
    alter table notifications add column escalation_step integer;
    -- the notifier counts a channel's messages of the last minute (rate limit, group window) on every send
    create index notifications_channel_created_idx on notifications (channel_id, created_at);

    -- where a consumer of a durable feed (probe state changes) has got to
    create table feed_cursors (
      name text primary key,
      cursor text not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table feed_cursors; drop table inbox_items; drop table alert_rules; drop table alert_integrations; drop table alert_routes;
    drop table escalation_policies; drop table oncall_schedules; drop table alert_silences; drop table alert_events; drop table alerts;
  `.execute(db);
}
