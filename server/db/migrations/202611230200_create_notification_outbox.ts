import { sql, type Kysely } from 'kysely';

// Notification channels (a configured WeCom robot, SMS gateway, webhook …) and the outbox: every notification is a row
// written in the same transaction as the event that caused it, and workers deliver rows with retries and leases.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table notification_channels (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      kind text not null,
      config jsonb not null,
      -- SM4-sealed JSON of keys, tokens and passwords (context notification-channel:<id>); never returned by the API
      secrets_sealed text,
      -- lowers (never raises) the platform's own limit, e.g. when a WeCom group is shared with other senders
      rate_per_minute integer check (rate_per_minute between 1 and 6000),
      is_enabled boolean not null default true,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    -- a deleted channel's name can be reused
    create unique index notification_channels_name_unique on notification_channels (org_id, name) where deleted_at is null;

    create table notifications (
      id bigserial primary key,
      org_id uuid not null references organisations(id),
      channel_id uuid not null references notification_channels(id),
      -- no foreign key yet: the alert store comes later
      alert_id uuid,
      kind text not null check (kind in ('alert', 'test', 'digest', 'escalation')),
      -- the rendered ChannelMessage, so a retry sends exactly what the first attempt sent
      message jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      leased_by text,
      lease_until timestamptz,
      -- the rate limit counts attempts per channel in the last minute, across every worker
      last_attempt_at timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    );
    -- the claim query: due pending rows and expired 'sending' leases
    create index notifications_due_idx on notifications (status, next_attempt_at);
    create index notifications_alert_idx on notifications (alert_id) where alert_id is not null;
    create index notifications_org_created_idx on notifications (org_id, created_at);
    create index notifications_channel_attempt_idx on notifications (channel_id, last_attempt_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table notifications; drop table notification_channels;`.execute(db);
}
