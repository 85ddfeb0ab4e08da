import { sql, type Kysely } from 'kysely';

// The ledger's default order is by code. With this index a broad search ("r740" matching a sixth of
// 100k assets) walks codes in order and stops at the page instead of sorting every match (46 ms → 0.2 ms).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index assets_code_order_idx on assets (code, id)`.execute(db);
}
