import { sql, type Kysely } from 'kysely';

// Foundation schema: organisations, identity, sessions, tokens, settings, audit chain, jobs, work calendars.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references organisations(id),
      -- every ancestor including itself, root first: subtree queries are one GIN lookup
      ancestor_ids uuid[] not null,
      kind text not null check (kind in ('region', 'institution', 'department')),
      code text not null,
      name text not null,
      level text,
      contact_name text,
      contact_phone_sealed text,
      address text,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint organisations_code_unique unique (code)
    );
    create index organisations_parent_idx on organisations (parent_id);
    create index organisations_ancestors_idx on organisations using gin (ancestor_ids);

    create table users (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      username text not null,
      display_name text not null,
      email text,
      phone_sealed text,
      status text not null default 'active' check (status in ('active', 'disabled')),
      admin_class text check (admin_class in ('sysadmin', 'secadmin', 'auditadmin')),
      password_hash text not null,
      password_changed_at timestamptz not null default now(),
      must_change_password boolean not null default true,
      failed_login_count int not null default 0,
      locked_until timestamptz,
      totp_secret_sealed text,
      totp_enabled_at timestamptz,
      -- last accepted TOTP time step: a code is accepted once only
      totp_last_step bigint,
      expires_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_username_unique on users (lower(username));
    create index users_org_idx on users (org_id, username);

    create table password_history (
      id bigint generated always as identity primary key,
      user_id uuid not null references users(id) on delete cascade,
      password_hash text not null,
      created_at timestamptz not null default now()
    );
    create index password_history_user_idx on password_history (user_id, created_at desc);

    create table recovery_codes (
      id bigint generated always as identity primary key,
      user_id uuid not null references users(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz
    );
    create index recovery_codes_user_idx on recovery_codes (user_id);

    create table roles (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      name text not null,
      name_en text not null,
      description text,
      admin_class text check (admin_class in ('sysadmin', 'secadmin', 'auditadmin')),
      is_builtin boolean not null default false,
      permissions text[] not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table role_grants (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      role_id uuid not null references roles(id),
      -- the grant covers this organisation and its whole subtree
      org_id uuid not null references organisations(id),
      granted_by uuid references users(id),
      created_at timestamptz not null default now(),
      constraint role_grants_unique unique (user_id, role_id, org_id)
    );
    create index role_grants_org_idx on role_grants (org_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      idle_timeout_seconds int not null,
      mfa_verified boolean not null default false,
      ip text,
      user_agent text,
      revoked_at timestamptz,
      revoke_reason text
    );
    create index sessions_user_idx on sessions (user_id) where revoked_at is null;

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      permissions text[] not null,
      org_ids uuid[] not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_org_idx on api_tokens (org_id);

    create table settings (
      key text primary key,
      value jsonb not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );

    create table audit_events (
      seq bigint primary key,
      id uuid not null default gen_random_uuid() unique,
      occurred_at timestamptz not null,
      actor_id uuid,
      actor_name text,
      actor_roles text[] not null default '{}',
      org_id uuid,
      ip text,
      user_agent text,
      session_ref text,
      request_id text,
      event_type text not null,
      object_type text,
      object_id text,
      action text not null,
      result text not null check (result in ('success', 'failure')),
      reason text,
      risk_level text not null default 'low' check (risk_level in ('low', 'medium', 'high')),
      detail jsonb,
      prev_mac text not null,
      mac text not null
    );
    create index audit_events_time_idx on audit_events (occurred_at desc);
    create index audit_events_type_idx on audit_events (event_type, occurred_at desc);
    create index audit_events_actor_idx on audit_events (actor_id, occurred_at desc);
    create index audit_events_org_idx on audit_events (org_id, occurred_at desc);

    -- the chain resumes from a checkpoint after the retention job removes old events
    create table audit_checkpoints (
      id bigint generated always as identity primary key,
      created_at timestamptz not null default now(),
      first_seq bigint not null,
      prev_mac text not null,
      purged_count bigint not null,
      mac text not null
    );

    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('yiwei.audit_retention', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only();
    create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
      for each row execute function audit_events_append_only();

    create table jobs (
      id bigint generated always as identity primary key,
      kind text not null,
      payload jsonb not null default '{}',
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      run_at timestamptz not null default now(),
      attempts int not null default 0,
      max_attempts int not null default 5,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      unique_key text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_claim_idx on jobs (run_at) where status = 'queued';
    create index jobs_running_idx on jobs (locked_until) where status = 'running';
    create unique index jobs_unique_key on jobs (unique_key) where unique_key is not null and status in ('queued', 'running');

    create table job_schedules (
      name text primary key,
      cron text not null,
      kind text not null,
      payload jsonb not null default '{}',
      next_run_at timestamptz not null,
      last_run_at timestamptz
    );

    create table work_calendars (
      id uuid primary key default gen_random_uuid(),
      -- null: a platform calendar every organisation may use
      org_id uuid references organisations(id),
      name text not null,
      description text,
      time_zone text not null default 'Asia/Shanghai',
      weekly jsonb not null,
      makeup_ranges jsonb not null,
      follows_national_holidays boolean not null default true,
      covered_years int[] not null default '{}',
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index work_calendars_org_idx on work_calendars (org_id);

    create table calendar_days (
      calendar_id uuid not null references work_calendars(id) on delete cascade,
      date date not null,
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null default '',
      ranges jsonb,
      source text not null,
      primary key (calendar_id, date)
    );
  `.execute(db);
}
