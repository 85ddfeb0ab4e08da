import { sql, type Kysely } from 'kysely';

// A user's named list filters (the query string of a list page), private to that user.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table saved_filters (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      -- the user's home organisation when saved: the tenancy harness and audit see whose it is
      org_id uuid not null references organisations(id),
      page text not null,
      name text not null,
      query jsonb not null,
      created_at timestamptz not null default now(),
      constraint saved_filters_name_unique unique (user_id, page, name)
    );
  `.execute(db);
}
