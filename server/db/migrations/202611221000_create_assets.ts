import { sql, type Kysely } from 'kysely';

// Asset ledger (CMDB): kinds, locations, vendors, maintenance contracts, assets, relations, history.
export async function up(db: Kysely<any>): Promise<void> {
  // Trigram search over search_text. PGlite loads the extension in platform/db.ts; a PostgreSQL without
  // contrib (or without the right to create it) still migrates, and search falls back to a scan.
  await sql`
    do $$ begin
      create extension if not exists pg_trgm;
    exception when others then
      raise notice 'pg_trgm unavailable: %', sqlerrm;
    end $$;
  `.execute(db);

  await sql`
    create table asset_kinds (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      name text not null,
      name_en text not null,
      category text not null,
      is_builtin boolean not null default false,
      code_prefix text not null,
      -- typed attribute definitions: [{key, label, labelEn, type, options?, required?, unit?}]
      fields jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table locations (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      parent_id uuid references locations(id),
      -- every ancestor including itself, root first
      ancestor_ids uuid[] not null,
      kind text not null check (kind in ('site', 'building', 'floor', 'room', 'rack')),
      name text not null,
      code text,
      rack_units int check (rack_units between 1 and 60),
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- two null codes are distinct, so uncoded locations do not collide
      constraint locations_code_unique unique (org_id, code)
    );
    create index locations_org_idx on locations (org_id, parent_id);
    create index locations_ancestors_idx on locations using gin (ancestor_ids);

    create table vendors (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      name text not null,
      contact_name text,
      contact_phone_sealed text,
      email text,
      address text,
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint vendors_name_unique unique (org_id, name)
    );

    create table maintenance_contracts (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      vendor_id uuid references vendors(id),
      code text not null,
      name text not null,
      starts_on date not null,
      ends_on date not null,
      cost_fen bigint check (cost_fen >= 0),
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint maintenance_contracts_code_unique unique (org_id, code),
      constraint maintenance_contracts_period check (ends_on >= starts_on)
    );
    create index maintenance_contracts_ends_idx on maintenance_contracts (org_id, ends_on);
    create index maintenance_contracts_vendor_idx on maintenance_contracts (vendor_id);

    -- the scanned contract, apart from the contract row so lists never read the bytes
    create table maintenance_contract_documents (
      contract_id uuid primary key references maintenance_contracts(id) on delete cascade,
      org_id uuid not null references organisations(id),
      file_name text not null,
      content_type text not null,
      size_bytes int not null,
      sm3 text not null,
      content bytea not null,
      uploaded_at timestamptz not null,
      uploaded_by uuid
    );

    -- per (organisation, kind prefix) counter behind generated asset codes; bumped in the creating transaction
    create table asset_code_sequences (
      org_id uuid not null references organisations(id),
      prefix text not null,
      last_value int not null,
      primary key (org_id, prefix)
    );

    create table assets (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      kind_id uuid not null references asset_kinds(id),
      code text not null,
      name text not null,
      brand text,
      model text,
      serial_number text,
      quantity int not null default 1 check (quantity >= 1),
      unit text not null default '台',
      status text not null default 'in_use' check (status in ('in_stock', 'in_use', 'under_repair', 'retired', 'scrapped')),
      location_id uuid references locations(id),
      rack_unit_start int check (rack_unit_start >= 1),
      rack_unit_size int check (rack_unit_size >= 1),
      owner_department_id uuid references organisations(id),
      owner_person text,
      engineer_id uuid references users(id),
      importance text not null default 'normal' check (importance in ('core', 'important', 'normal')),
      purchase_month date check (extract(day from purchase_month) = 1),
      warranty_years numeric(5, 2) check (warranty_years >= 0),
      warranty_ends_on date,
      -- false: warranty_ends_on is derived from purchase_month + warranty_years and follows them
      warranty_end_is_explicit boolean not null default false,
      vendor_id uuid references vendors(id),
      contract_id uuid references maintenance_contracts(id),
      end_of_service_on date,
      management_ips text[] not null default '{}',
      host_names text[] not null default '{}',
      cpu text,
      os text,
      database text,
      middleware text,
      -- 信创 state per dimension, classified by shared/xinchuang.ts when the asset is written
      xc_cpu text not null default 'unknown' check (xc_cpu in ('domestic', 'foreign', 'unknown')),
      xc_os text not null default 'unknown' check (xc_os in ('domestic', 'foreign', 'unknown')),
      xc_database text not null default 'unknown' check (xc_database in ('domestic', 'foreign', 'unknown')),
      xc_middleware text not null default 'unknown' check (xc_middleware in ('domestic', 'foreign', 'unknown')),
      xc_overall text not null default 'unknown' check (xc_overall in ('domestic', 'foreign', 'unknown')),
      attributes jsonb not null default '{}',
      notes text,
      -- lower-cased name, brand, model, serial, code, IPs and host names; maintained by the service
      search_text text not null default '',
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      constraint assets_code_unique unique (org_id, code),
      constraint assets_rack_pair check ((rack_unit_start is null) = (rack_unit_size is null))
    );
    create index assets_org_kind_idx on assets (org_id, kind_id);
    create index assets_org_status_idx on assets (org_id, status);
    create index assets_org_warranty_idx on assets (org_id, warranty_ends_on);
    create index assets_org_eos_idx on assets (org_id, end_of_service_on);
    create index assets_org_importance_idx on assets (org_id, importance);
    create index assets_org_xc_idx on assets (org_id, xc_overall);
    create index assets_org_serial_idx on assets (org_id, serial_number);
    create index assets_kind_idx on assets (kind_id);
    create index assets_location_idx on assets (location_id);
    create index assets_contract_idx on assets (contract_id);
    create index assets_vendor_idx on assets (vendor_id);
    create index assets_engineer_idx on assets (engineer_id);
    create index assets_department_idx on assets (owner_department_id);

    create table asset_relations (
      id uuid primary key default gen_random_uuid(),
      -- the organisation of the "from" asset
      org_id uuid not null references organisations(id),
      from_asset_id uuid not null references assets(id) on delete cascade,
      to_asset_id uuid not null references assets(id) on delete cascade,
      kind text not null check (kind in ('runs_on', 'depends_on', 'connects', 'backs_up', 'powered_by', 'located_in')),
      -- e.g. an interface end's role, a backup schedule
      attributes jsonb not null default '{}',
      created_at timestamptz not null default now(),
      created_by uuid,
      constraint asset_relations_unique unique (from_asset_id, to_asset_id, kind),
      constraint asset_relations_not_self check (from_asset_id <> to_asset_id)
    );
    -- the impact walk goes from a failing asset to the assets whose relations point at it
    create index asset_relations_to_idx on asset_relations (to_asset_id, kind);
    create index asset_relations_org_idx on asset_relations (org_id);

    -- append-only; no foreign key to assets, so an asset's history outlives the asset
    create table asset_history (
      id bigint generated always as identity primary key,
      asset_id uuid not null,
      org_id uuid not null references organisations(id),
      changed_at timestamptz not null,
      actor_id uuid,
      actor_name text,
      action text not null check (action in ('create', 'update', 'delete', 'import', 'relation_add', 'relation_remove')),
      changes jsonb not null,
      import_id uuid
    );
    create index asset_history_asset_idx on asset_history (asset_id, id desc);
    create index asset_history_org_idx on asset_history (org_id, changed_at desc);

    create function asset_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'asset_history is append-only' using errcode = 'insufficient_privilege';
    end $$;
    create trigger asset_history_no_update before update or delete on asset_history
      for each row execute function asset_history_append_only();
  `.execute(db);

  await sql`
    do $$ begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index assets_search_trgm_idx on assets using gin (search_text gin_trgm_ops);
      end if;
    end $$;
  `.execute(db);
}
