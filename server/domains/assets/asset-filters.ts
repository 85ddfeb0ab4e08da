import { sql, type SqlBool } from 'kysely';
import type { AssetListQuery } from '../../../shared/schemas/assets.ts';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { addDays } from './warranty.ts';

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const XC_COLUMN = { cpu: 'a.xc_cpu', os: 'a.xc_os', database: 'a.xc_database', middleware: 'a.xc_middleware', overall: 'a.xc_overall' } as const;

export type AssetFilters = Omit<AssetListQuery, 'page' | 'pageSize' | 'sort'>;

/** `assets as a` in the actor's read scope, narrowed by the list filters (shared by the list and the export). */
export function filteredAssets(db: Db, actor: Actor, query: AssetFilters, day: string) {
  let q = db.selectFrom('assets as a').where(inScope(scopeOf(actor, 'asset.read'), 'a.org_id', actor, query.orgId));
  if (query.kind) q = q.where('a.kindId', '=', (eb) => eb.selectFrom('assetKinds').select('id').where('key', '=', query.kind!));
  if (query.locationId) q = q.where('a.locationId', 'in', (eb) => eb.selectFrom('locations').select('id').where(sql<SqlBool>`ancestor_ids @> array[${query.locationId}]::uuid[]`));
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.importance) q = q.where('a.importance', '=', query.importance);
  if (query.contractId) q = q.where('a.contractId', '=', query.contractId);
  if (query.vendorId) q = q.where('a.vendorId', '=', query.vendorId);
  if (query.xinchuang) q = q.where(sql.ref(XC_COLUMN[query.xinchuangOn]), '=', query.xinchuang);
  if (query.warranty === 'unknown') q = q.where('a.warrantyEndsOn', 'is', null);
  else if (query.warranty === 'out') q = q.where('a.warrantyEndsOn', '<', day);
  else if (query.warranty === 'in') q = q.where('a.warrantyEndsOn', '>=', day);
  else if (query.warranty) q = q.where('a.warrantyEndsOn', '>=', day).where('a.warrantyEndsOn', '<=', addDays(day, query.warranty === 'expiring30' ? 30 : 90));
  // search_text is lower-cased on write; a trigram index serves this LIKE where pg_trgm is installed.
  if (query.q) q = q.where('a.searchText', 'like', likePattern(query.q));
  return q;
}
