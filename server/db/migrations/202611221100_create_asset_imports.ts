import { sql, type Kysely } from 'kysely';

// Asset ledger imports: one row per uploaded file, from preview to commit (or discard).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table asset_imports (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      created_by uuid references users(id),
      created_by_name text not null,
      created_at timestamptz not null default now(),
      file_name text not null,
      file_size_bytes int not null,
      -- SM3 of the uploaded bytes, hex
      file_sha text not null,
      status text not null check (status in ('preview', 'committed', 'failed', 'discarded')),
      default_kind_key text,
      duplicate_action text not null check (duplicate_action in ('update', 'skip')),
      -- ImportSheet[]: headers, the (corrected) mapping, isIncluded
      sheets jsonb not null,
      -- the sheets as read (header + raw cells per row + cell warnings): a mapping change recomputes without the file
      source jsonb not null,
      -- the computed ImportRow[] of the last preview
      rows jsonb not null,
      -- per-row choices of the user: {"<row>@<sheet>": "create" | "update" | "skip"}
      decisions jsonb not null default '{}',
      summary jsonb not null,
      committed_at timestamptz,
      result jsonb,
      expires_at timestamptz not null
    );
    create index asset_imports_org_idx on asset_imports (org_id, created_at desc);
    create index asset_imports_expiry_idx on asset_imports (expires_at) where status = 'preview';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table asset_imports`.execute(db);
}
