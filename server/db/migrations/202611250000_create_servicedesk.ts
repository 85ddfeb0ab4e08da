import { sql, type Kysely } from 'kysely';

// The service desk: SLA policies per organisation and their attachment to maintenance contracts, ticket categories,
// assignment groups, tickets with their events (the SLA clocks' source of truth), assets, links, comments and work log.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sla_policies (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      -- the definition's name, kept as a column for the uniqueness check
      name text not null,
      template_key text,
      -- shared/schemas/sla.ts SlaPolicy, priority matrix included
      definition jsonb not null,
      is_default boolean not null default false,
      version int not null default 1,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index sla_policies_name_unique on sla_policies (org_id, name) where deleted_at is null;
    -- at most one default per organisation; tickets walk up the tree to the nearest one
    create unique index sla_policies_default_unique on sla_policies (org_id) where is_default and deleted_at is null;

    -- contract → policy; owned by the service desk so the asset ledger's contract rows stay as they are
    create table sla_contract_policies (
      contract_id uuid primary key references maintenance_contracts(id) on delete cascade,
      policy_id uuid not null references sla_policies(id),
      org_id uuid not null references organisations(id),
      attached_at timestamptz not null,
      attached_by uuid
    );
    create index sla_contract_policies_policy_idx on sla_contract_policies (policy_id);

    create table ticket_categories (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      parent_id uuid references ticket_categories(id),
      -- every ancestor including itself, root first
      ancestor_ids uuid[] not null,
      name text not null,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- two null parents would be distinct in a plain unique constraint, so root names are compared through coalesce
    create unique index ticket_categories_name_unique on ticket_categories (org_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
    create index ticket_categories_parent_idx on ticket_categories (parent_id);
    create index ticket_categories_ancestors_idx on ticket_categories using gin (ancestor_ids);

    create table assignment_groups (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      description text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create unique index assignment_groups_name_unique on assignment_groups (org_id, name) where deleted_at is null;

    create table assignment_group_members (
      group_id uuid not null references assignment_groups(id) on delete cascade,
      user_id uuid not null references users(id),
      added_at timestamptz not null default now(),
      primary key (group_id, user_id)
    );
    -- the workbench: which groups am I in
    create index assignment_group_members_user_idx on assignment_group_members (user_id);

    -- per (organisation, type prefix, year) counter behind INC-2026-000123; bumped in the opening transaction
    create table ticket_number_sequences (
      org_id uuid not null references organisations(id),
      prefix text not null,
      year int not null,
      last_value int not null,
      primary key (org_id, prefix, year)
    );

    create table tickets (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      number text not null,
      type text not null check (type in ('incident', 'service_request', 'consultation', 'complaint')),
      channel text not null check (channel in ('phone', 'wecom', 'portal', 'qr', 'alert', 'email', 'walk_in')),
      status text not null default 'new' check (status in ('new', 'responded', 'on_site', 'in_progress', 'pending', 'resolved', 'closed')),
      title text not null,
      description text not null default '',
      requester_name text not null,
      requester_phone_sealed text,
      requester_user_id uuid references users(id),
      category_id uuid references ticket_categories(id),
      impact text,
      urgency text,
      level_key text not null,
      level_name text not null,
      assignment_group_id uuid references assignment_groups(id),
      assignee_id uuid references users(id),
      resolution_code text,
      resolution_note text,
      root_cause text,
      satisfaction_score smallint check (satisfaction_score between 1 and 5),
      satisfaction_comment text,
      rated_at timestamptz,
      pause_reason text,
      paused_at timestamptz,
      -- the status a resume returns to
      resume_status text,
      merged_into_id uuid references tickets(id),
      -- SLA: the policy it was opened under and why, frozen copies of the policy and of the calendar
      policy_id uuid references sla_policies(id),
      policy_version int,
      policy_source text not null check (policy_source in ('contract', 'organisation_default', 'platform_default')),
      policy_why jsonb not null,
      policy_snapshot jsonb not null,
      calendar_snapshot jsonb not null,
      sla_band text not null check (sla_band in ('in_hours', 'off_hours')),
      -- denormalised from the clocks at the last change, for the queue; the detail view recomputes
      response_due_at timestamptz,
      on_site_due_at timestamptz,
      diagnosis_due_at timestamptz,
      resolution_due_at timestamptz,
      breached_clocks text[] not null default '{}',
      is_breached boolean not null default false,
      next_breach_at timestamptz,
      next_breach_clock text,
      next_warn_at timestamptz,
      auto_close_at timestamptz,
      sla_computed_at timestamptz not null,
      opened_at timestamptz not null,
      responded_at timestamptz,
      on_site_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      reopen_count int not null default 0,
      work_minutes int not null default 0,
      search_text text generated always as (lower(number || ' ' || title || ' ' || requester_name)) stored,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint tickets_number_unique unique (org_id, number)
    );
    -- the queue: nearest breach first, per organisation and across organisations
    create index tickets_org_breach_idx on tickets (org_id, next_breach_at, opened_at desc);
    create index tickets_breach_idx on tickets (next_breach_at) where next_breach_at is not null;
    create index tickets_org_opened_idx on tickets (org_id, opened_at desc);
    create index tickets_org_status_idx on tickets (org_id, status, opened_at desc);
    create index tickets_org_type_idx on tickets (org_id, type, opened_at desc);
    create index tickets_org_level_idx on tickets (org_id, level_key);
    create index tickets_breached_idx on tickets (org_id, opened_at desc) where is_breached;
    -- the workbench: mine, and my groups' unassigned
    create index tickets_assignee_open_idx on tickets (assignee_id, next_breach_at) where status not in ('resolved', 'closed');
    create index tickets_group_idx on tickets (assignment_group_id, next_breach_at);
    create index tickets_assignee_idx on tickets (assignee_id, opened_at desc);
    create index tickets_requester_idx on tickets (requester_user_id, opened_at desc) where requester_user_id is not null;
    create index tickets_category_idx on tickets (category_id) where category_id is not null;
    create index tickets_auto_close_idx on tickets (auto_close_at) where status = 'resolved';
    create index tickets_policy_idx on tickets (policy_id) where status <> 'closed';
    create index tickets_merged_idx on tickets (merged_into_id) where merged_into_id is not null;

    -- affected assets; no foreign key to assets, so a ticket's history outlives a deleted asset
    create table ticket_assets (
      ticket_id uuid not null references tickets(id) on delete cascade,
      asset_id uuid not null,
      org_id uuid not null references organisations(id),
      position smallint not null,
      primary key (ticket_id, asset_id)
    );
    create index ticket_assets_asset_idx on ticket_assets (asset_id, ticket_id);

    -- links to alerts, problems, changes and merged duplicates
    create table ticket_links (
      ticket_id uuid not null references tickets(id) on delete cascade,
      kind text not null check (kind in ('alert', 'problem', 'change', 'duplicate')),
      target_id uuid not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      primary key (ticket_id, kind, target_id)
    );
    create index ticket_links_target_idx on ticket_links (kind, target_id);

    -- append-only: the SLA clocks are computed from these rows
    create table ticket_events (
      id bigserial primary key,
      ticket_id uuid not null references tickets(id),
      org_id uuid not null references organisations(id),
      kind text not null,
      -- when it happened (an arrival may be recorded after the fact); recorded_at is when it was written
      at timestamptz not null,
      recorded_at timestamptz not null,
      actor_id uuid,
      actor_name text not null,
      details jsonb not null default '{}'
    );
    create index ticket_events_ticket_idx on ticket_events (ticket_id, id);

    create function ticket_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ticket_events is append-only' using errcode = 'insufficient_privilege';
    end $$;
    create trigger ticket_events_no_update before update or delete on ticket_events
      for each row execute function ticket_events_append_only();

    create table ticket_comments (
      id bigserial primary key,
      ticket_id uuid not null references tickets(id),
      org_id uuid not null references organisations(id),
      visibility text not null check (visibility in ('internal', 'external')),
      body text not null,
      author_id uuid,
      author_name text not null,
      created_at timestamptz not null
    );
    create index ticket_comments_ticket_idx on ticket_comments (ticket_id, id);

    create table ticket_work_logs (
      id bigserial primary key,
      ticket_id uuid not null references tickets(id),
      org_id uuid not null references organisations(id),
      minutes int not null check (minutes between 1 and 1440),
      note text not null default '',
      worked_at timestamptz not null,
      author_id uuid,
      author_name text not null,
      created_at timestamptz not null
    );
    create index ticket_work_logs_ticket_idx on ticket_work_logs (ticket_id, worked_at);
  `.execute(db);

  await sql`
    do $$ begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index tickets_search_trgm_idx on tickets using gin (search_text gin_trgm_ops);
      end if;
    end $$;
  `.execute(db);
}
