import { sql } from 'kysely';
import type { Db } from './db.ts';

/**
 * After `id` moved from a path of `oldDepth` ancestors (itself included) to `newAncestorIds`, gives every
 * descendant the new head and keeps its own tail. Tables that store a materialised `ancestor_ids` path
 * (organisations, locations) share this so a move is one statement.
 */
export async function reparentSubtree(trx: Db, table: 'organisations' | 'locations', id: string, oldDepth: number, newAncestorIds: string[]): Promise<void> {
  await sql`update ${sql.table(table)} set ancestor_ids = ${sql.val(newAncestorIds)}::uuid[] || ancestor_ids[${oldDepth + 1}:]
            where ${id}::uuid = any(ancestor_ids) and id <> ${id}::uuid`.execute(trx);
}
