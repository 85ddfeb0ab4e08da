/** What an import preview needs from the database, loaded once per preview or commit: kinds, locations, departments, vendors and the organisation's assets. */
import { sql, type SqlBool } from 'kysely';
import type { AssetFieldDef } from '../../../../shared/schemas/assets.ts';
import type { Db } from '../../../platform/db.ts';
import type { AssetRow } from '../asset-write.ts';

export interface KindInfo {
  id: string;
  key: string;
  name: string;
  codePrefix: string;
  fields: AssetFieldDef[];
}

export interface ImportContext {
  orgId: string;
  kinds: Map<string, KindInfo>;
  kindsById: Map<string, KindInfo>;
  /** location path ("院区/楼/机房", names joined by '/') → id, and a bare name → ids (a name used twice is ambiguous) */
  locationByPath: Map<string, string>;
  locationByName: Map<string, string[]>;
  locationPathOf: Map<string, string>;
  departments: Map<string, string>;
  vendors: Map<string, string>;
  vendorNameOf: Map<string, string>;
  assets: AssetRow[];
}

export const pathKey = (text: string) =>
  text
    .split(/\s*[/／\\>＞]\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join('/');

export async function loadImportContext(db: Db, orgId: string): Promise<ImportContext> {
  const org = await db.selectFrom('organisations').select(['id', 'ancestorIds']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const [kinds, locations, departments, vendors, assets] = await Promise.all([
    db.selectFrom('assetKinds').select(['id', 'key', 'name', 'codePrefix', 'fields']).execute(),
    db.selectFrom('locations').select(['id', 'name', 'ancestorIds']).where('orgId', 'in', org.ancestorIds).execute(),
    db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'department').where(sql<SqlBool>`ancestor_ids @> array[${orgId}]::uuid[]`).execute(),
    db.selectFrom('vendors').select(['id', 'name', 'orgId']).where('orgId', 'in', org.ancestorIds).execute(),
    db.selectFrom('assets').selectAll().where('orgId', '=', orgId).execute(),
  ]);
  const nameById = new Map(locations.map((l) => [l.id, l.name]));
  const locationByPath = new Map<string, string>();
  const locationByName = new Map<string, string[]>();
  const locationPathOf = new Map<string, string>();
  for (const l of locations) {
    const path = l.ancestorIds.map((id) => nameById.get(id) ?? '').join('/');
    locationByPath.set(path, l.id);
    locationPathOf.set(l.id, path);
    locationByName.set(l.name, [...(locationByName.get(l.name) ?? []), l.id]);
  }
  // the asset's own organisation wins over an ancestor's vendor of the same name
  const vendorMap = new Map<string, string>();
  for (const v of [...vendors].sort((a, b) => org.ancestorIds.indexOf(a.orgId) - org.ancestorIds.indexOf(b.orgId))) vendorMap.set(v.name, v.id);
  const kindInfos = kinds.map((k) => ({ ...k, fields: k.fields }));
  return {
    orgId,
    kinds: new Map(kindInfos.map((k) => [k.key, k])),
    kindsById: new Map(kindInfos.map((k) => [k.id, k])),
    locationByPath,
    locationByName,
    locationPathOf,
    departments: new Map(departments.map((d) => [d.name, d.id])),
    vendors: vendorMap,
    vendorNameOf: new Map(vendors.map((v) => [v.id, v.name])),
    assets,
  };
}
