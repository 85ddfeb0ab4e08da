import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import type { DbHandle } from '../../../platform/db.ts';
import { createTestDb } from '../../../test/test-db.ts';
import type { ProbeResultInput } from './results-writer.ts';

// Test scaffolding for the results tests: rows written directly, not behaviour under test.

/** A fresh, migrated database for one test file (PGlite, or PostgreSQL when DATABASE_URL is set). */
export async function openResultsDb(): Promise<DbHandle> {
  const handle = await createTestDb();
  await migrateToLatest(handle.db);
  return handle;
}

let counter = 0;

/** An organisation row. */
export async function makeOrgRow(db: Kysely<Database>): Promise<string> {
  const id = globalThis.crypto.randomUUID();
  const code = `RES${counter++}`;
  await db.insertInto('organisations').values({ id, parentId: null, ancestorIds: [id], kind: 'region', code, name: code, level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
  return id;
}

/** An asset row (with its own kind) in `orgId`. */
export async function makeAssetRow(db: Kysely<Database>, orgId: string): Promise<string> {
  const n = counter++;
  const { rows } = await sql<{ id: string }>`
    with k as (insert into asset_kinds (key, name, name_en, category, code_prefix) values (${`res_kind_${n}`}, '系统', 'System', 'software', 'S') returning id)
    insert into assets (org_id, kind_id, code, name) select ${orgId}, k.id, ${`S-${n}`}, ${`System ${n}`} from k returning id`.execute(db);
  return rows[0]!.id;
}

/** A ping probe row; availability target 99.9 unless given. */
export async function makeProbeRow(db: Kysely<Database>, orgId: string, opts: { assetId?: string | null; target?: number } = {}): Promise<string> {
  const row = await db
    .insertInto('probes')
    .values({ orgId, assetId: opts.assetId ?? null, name: `probe ${counter++}`, kind: 'ping', config: '{}', intervalS: 60, timeoutMs: 1000, retries: 2, retryIntervalS: 20, availabilityTarget: opts.target ?? 99.9 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A successful result of `probeId` at `checkedAt`, with overrides. */
export function resultOf(probeId: string, orgId: string, checkedAt: string | Date, overrides: Partial<ProbeResultInput> = {}): ProbeResultInput {
  return { probeId, orgId, checkedAt: new Date(checkedAt), status: 'up', latencyMs: 10, code: null, message: null, measurements: null, agentId: null, isMaintenance: false, ...overrides };
}

/** Sets a roll-up watermark by name ('rollup_5m' …). */
export async function setWatermarkRow(db: Kysely<Database>, name: string, at: string | Date): Promise<void> {
  await db.insertInto('monitoringWatermarks').values({ name, reachedAt: new Date(at) }).onConflict((oc) => oc.column('name').doUpdateSet({ reachedAt: new Date(at) })).execute();
}
