import { sql, type SqlBool } from 'kysely';
import type { AssetListQuery } from '../../../shared/schemas/assets.ts';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { addDays } from './warranty.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An IPv4 address or its start up to a dot or into an octet: 10.0.12.5, 10.0.12., 10.0.1 */
const IPV4_PREFIX = /^\d{1,3}(\.\d{0,3}){1,3}$/;
/**
 * The asset_search_keys() key a one- or two-character term with a non-ASCII character is looked up by
 * (see migration 202611230100); null when trigrams serve the term or nothing does.
 */
const shortTermKey = (q: string) => ([...q].length <= 2 && [...q].some((c) => c.codePointAt(0)! > 127) ? q : null);
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
  if (query.q) {
    // search_text is lower-cased on write. Each kind of term goes to the one index that serves it: the trigram
    // index would have PostgreSQL recheck its LIKE together with the keys, computing them (~25 µs) per row.
    // strpos is a cheap necessary condition no index takes; a walk in the sort order tests it first.
    const term = query.q.toLowerCase();
    const key = IPV4_PREFIX.test(term) ? term : shortTermKey(term);
    if (key) q = q.where(sql<SqlBool>`asset_search_keys(a.search_text, a.management_ips) @> array[${key}]::text[]`).where(sql<SqlBool>`strpos(a.search_text, ${key}) > 0`);
    else q = q.where('a.searchText', 'like', likePattern(term));
  }
  return q;
}
