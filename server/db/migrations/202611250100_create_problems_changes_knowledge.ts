import { sql, type Kysely } from 'kysely';

// Problems, changes and the knowledge base of the service desk (docs/servicedesk-itil.md). Numbers (PRB-2026-000001,
// CHG-2026-000001) come from ticket_number_sequences under their own prefixes. Ticket ↔ problem and ticket ↔ change
// links are rows of ticket_links (kinds 'problem', 'change'); problem ↔ change and article ↔ ticket/problem links
// have their own tables, since ticket_links always starts at a ticket.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table problems (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      number text not null,
      title text not null,
      description text not null default '',
      status text not null default 'new' check (status in ('new', 'investigating', 'known_error', 'resolved', 'closed')),
      -- set on entering known_error and kept afterwards (the known-error database lists them)
      is_known_error boolean not null default false,
      root_cause text,
      workaround text,
      resolution text,
      assignee_id uuid references users(id),
      known_error_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      search_text text generated always as (lower(number || ' ' || title)) stored,
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint problems_number_unique unique (org_id, number)
    );
    create index problems_org_created_idx on problems (org_id, created_at desc);
    create index problems_org_status_idx on problems (org_id, status, created_at desc);
    create index problems_known_error_idx on problems (org_id, created_at desc) where is_known_error;
    create index problems_assignee_idx on problems (assignee_id, created_at desc) where assignee_id is not null;

    -- prevention actions (整改措施) with their owners and due dates
    create table problem_actions (
      id uuid primary key default gen_random_uuid(),
      problem_id uuid not null references problems(id) on delete cascade,
      org_id uuid not null references organisations(id),
      title text not null,
      owner_id uuid references users(id),
      due_on date,
      done_at timestamptz,
      done_by uuid,
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index problem_actions_problem_idx on problem_actions (problem_id, created_at);
    create index problem_actions_owner_open_idx on problem_actions (owner_id, due_on) where done_at is null;

    create table problem_events (
      id bigserial primary key,
      problem_id uuid not null references problems(id),
      org_id uuid not null references organisations(id),
      kind text not null,
      at timestamptz not null,
      actor_id uuid,
      actor_name text not null,
      details jsonb not null default '{}'
    );
    create index problem_events_problem_idx on problem_events (problem_id, id);

    create table change_templates (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      description text not null default '',
      -- [{ title, detail }]
      steps jsonb not null,
      rollback_plan text not null,
      verification_plan text not null,
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz
    );
    create unique index change_templates_name_unique on change_templates (org_id, name) where deleted_at is null;

    create table changes (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      number text not null,
      class text not null check (class in ('pre_authorised', 'standard', 'emergency', 'reviewed')),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected', 'scheduled', 'implementing', 'completed', 'closed', 'cancelled')),
      approval_state text not null default 'not_required' check (approval_state in ('not_required', 'pending', 'approved', 'rejected')),
      title text not null,
      description text not null default '',
      reason text not null default '',
      template_id uuid references change_templates(id),
      -- [{ title, detail }]
      steps jsonb not null default '[]',
      window_start timestamptz,
      window_end timestamptz,
      rollback_plan text not null default '',
      verification_plan text not null default '',
      implementer_id uuid references users(id),
      -- who must approve (reviewed, emergency); change_approvals holds the decisions of the current submission
      approver_ids uuid[] not null default '{}',
      requires_clinical_signoff boolean not null default false,
      clinical_approver_id uuid references users(id),
      -- an emergency change started before its approval; the flag stays as history
      implemented_before_approval boolean not null default false,
      submitted_at timestamptz,
      approved_at timestamptz,
      scheduled_at timestamptz,
      started_at timestamptz,
      completed_at timestamptz,
      closed_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason text,
      outcome text check (outcome in ('success', 'failed', 'rolled_back')),
      outcome_note text,
      rollback_minutes int check (rollback_minutes >= 0),
      -- started and completed inside the window; written on completion
      on_time boolean,
      search_text text generated always as (lower(number || ' ' || title)) stored,
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint changes_number_unique unique (org_id, number),
      constraint changes_window_order check (window_end > window_start),
      constraint changes_rollback_minutes check ((outcome = 'rolled_back') = (rollback_minutes is not null) or outcome is null)
    );
    create index changes_org_created_idx on changes (org_id, created_at desc);
    create index changes_org_status_idx on changes (org_id, status, created_at desc);
    -- the calendar and the conflict search: windows overlapping a period
    create index changes_window_idx on changes using gist (tstzrange(window_start, window_end)) where window_start is not null;
    -- KPIs: completed in a period
    create index changes_completed_idx on changes (org_id, completed_at) where completed_at is not null;
    create index changes_retro_approval_idx on changes (org_id) where implemented_before_approval and approval_state <> 'approved';

    -- affected assets; no foreign key to assets, so a change's history outlives a deleted asset
    create table change_assets (
      change_id uuid not null references changes(id) on delete cascade,
      asset_id uuid not null,
      org_id uuid not null references organisations(id),
      position smallint not null,
      primary key (change_id, asset_id)
    );
    create index change_assets_asset_idx on change_assets (asset_id, change_id);

    create table change_approvals (
      change_id uuid not null references changes(id) on delete cascade,
      approver_id uuid not null references users(id),
      role text not null check (role in ('approver', 'clinical')),
      decision text not null default 'pending' check (decision in ('pending', 'approved', 'rejected')),
      comment text,
      decided_at timestamptz,
      primary key (change_id, role, approver_id)
    );
    -- "my approvals"
    create index change_approvals_pending_idx on change_approvals (approver_id) where decision = 'pending';

    create table change_events (
      id bigserial primary key,
      change_id uuid not null references changes(id),
      org_id uuid not null references organisations(id),
      kind text not null,
      at timestamptz not null,
      actor_id uuid,
      actor_name text not null,
      details jsonb not null default '{}'
    );
    create index change_events_change_idx on change_events (change_id, id);

    -- freeze periods (封网期): apply to the organisation and its subtree
    create table change_freeze_periods (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null,
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint change_freeze_periods_order check (ends_at > starts_at)
    );
    create index change_freeze_periods_org_idx on change_freeze_periods (org_id, starts_at);
    create index change_freeze_periods_range_idx on change_freeze_periods using gist (tstzrange(starts_at, ends_at));

    create table problem_changes (
      problem_id uuid not null references problems(id) on delete cascade,
      change_id uuid not null references changes(id) on delete cascade,
      created_at timestamptz not null,
      created_by uuid,
      primary key (problem_id, change_id)
    );
    create index problem_changes_change_idx on problem_changes (change_id);

    create table knowledge_articles (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      title text not null,
      -- Markdown
      body text not null default '',
      category text not null default '',
      tags text[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'published')),
      author_id uuid references users(id),
      published_at timestamptz,
      published_by uuid,
      search_text text generated always as (lower(title || ' ' || category || ' ' || body)) stored,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index knowledge_articles_org_idx on knowledge_articles (org_id, status, updated_at desc);
    create index knowledge_articles_category_idx on knowledge_articles (org_id, category);
    create index knowledge_articles_tags_idx on knowledge_articles using gin (tags);

    create table knowledge_article_links (
      article_id uuid not null references knowledge_articles(id) on delete cascade,
      kind text not null check (kind in ('ticket', 'problem')),
      target_id uuid not null,
      created_at timestamptz not null,
      created_by uuid,
      primary key (article_id, kind, target_id)
    );
    create index knowledge_article_links_target_idx on knowledge_article_links (kind, target_id);
  `.execute(db);

  await sql`
    create function itil_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
    end $$;
    create trigger problem_events_no_update before update or delete on problem_events
      for each row execute function itil_events_append_only();
    create trigger change_events_no_update before update or delete on change_events
      for each row execute function itil_events_append_only();
  `.execute(db);

  // Substring search over problems, changes and articles (ILIKE '%…%') from trigram indexes where pg_trgm exists.
  await sql`
    do $$ begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index problems_search_trgm_idx on problems using gin (search_text gin_trgm_ops);
        create index changes_search_trgm_idx on changes using gin (search_text gin_trgm_ops);
        create index knowledge_articles_search_trgm_idx on knowledge_articles using gin (search_text gin_trgm_ops);
      end if;
    end $$;
  `.execute(db);
}
