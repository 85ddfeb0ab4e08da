import { sql, type SqlBool } from 'kysely';
import type { Actor, OrgScope } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';

/** The organisation an asset belongs to, with its ancestors (root first, itself last). */
export interface AssetOrg {
  id: string;
  code: string;
  ancestorIds: string[];
}

/** What an asset points at, after merging an update into the stored row. */
export interface AssetRefs {
  assetId?: string;
  locationId?: string | null;
  rackUnitStart?: number | null;
  rackUnitSize?: number | null;
  vendorId?: string | null;
  contractId?: string | null;
  ownerDepartmentId?: string | null;
  engineerId?: string | null;
}

interface Issue {
  path: string[];
  message: string;
  code: string;
}

const scoped = (scope: OrgScope, actor: Actor, column: string) =>
  actor.kind === 'system'
    ? sql<SqlBool>`true`
    : scope.roots.length === 0
      ? sql<SqlBool>`false`
      : sql<SqlBool>`${sql.ref(column)} in (select o.id from organisations o where o.ancestor_ids && ${sql.val(scope.roots)}::uuid[])`;

/**
 * Checks the objects an asset refers to. Locations, vendors and contracts must belong to the asset's
 * organisation or one of its ancestors (a region's contract may cover a hospital's devices, never a
 * sibling hospital's) and be visible to the actor; the owning department lies inside the asset's
 * organisation; the engineer belongs to an organisation on the same line. A missing and a forbidden
 * reference get the same message, so nothing about other tenants is revealed.
 */
export async function checkAssetReferences(db: Db, actor: Actor, org: AssetOrg, refs: AssetRefs, where: 'body' | 'set' = 'body'): Promise<void> {
  const issues: Issue[] = [];
  const bad = (field: string, message = 'not found in this organisation') => issues.push({ path: [where, field], message, code: 'bad_reference' });
  // Whatever the actor may read or manage counts as visible (a custom role may hold asset.manage alone).
  const scope: OrgScope = { roots: actor.grants.filter((g) => g.permissions.has('asset.read') || g.permissions.has('asset.manage')).map((g) => g.orgId) };
  const line = org.ancestorIds;

  if (refs.locationId) {
    const loc = await db.selectFrom('locations').select(['id', 'kind', 'rackUnits']).where('id', '=', refs.locationId).where('orgId', 'in', line).where(scoped(scope, actor, 'locations.org_id')).executeTakeFirst();
    if (!loc) bad('locationId');
    else if (refs.rackUnitStart != null && refs.rackUnitSize != null) {
      const last = refs.rackUnitStart + refs.rackUnitSize - 1;
      if (loc.kind !== 'rack') bad('rackUnitStart', 'U positions need a rack location');
      else if (last > (loc.rackUnits ?? 42)) bad('rackUnitSize', `the rack has ${loc.rackUnits ?? 42} U`);
      else {
        let q = db
          .selectFrom('assets')
          .select('code')
          .where('locationId', '=', refs.locationId)
          .where('rackUnitStart', '<=', last)
          .where(sql<SqlBool>`rack_unit_start + rack_unit_size - 1 >= ${refs.rackUnitStart}`);
        if (refs.assetId) q = q.where('id', '<>', refs.assetId);
        const clash = await q.limit(1).executeTakeFirst();
        if (clash) bad('rackUnitStart', `U ${refs.rackUnitStart}–${last} overlaps ${clash.code}`);
      }
    }
  } else if (refs.rackUnitStart != null) {
    bad('rackUnitStart', 'U positions need a rack location');
  }
  if ((refs.rackUnitStart == null) !== (refs.rackUnitSize == null)) bad('rackUnitSize', 'give both the first U and the height, or neither');

  if (refs.vendorId) {
    const v = await db.selectFrom('vendors').select('id').where('id', '=', refs.vendorId).where('orgId', 'in', line).where(scoped(scope, actor, 'vendors.org_id')).executeTakeFirst();
    if (!v) bad('vendorId');
  }
  if (refs.contractId) {
    const c = await db.selectFrom('maintenanceContracts').select('id').where('id', '=', refs.contractId).where('orgId', 'in', line).where(scoped(scope, actor, 'maintenance_contracts.org_id')).executeTakeFirst();
    if (!c) bad('contractId');
  }
  if (refs.ownerDepartmentId) {
    const d = await db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', refs.ownerDepartmentId)
      .where('kind', '=', 'department')
      .where(sql<SqlBool>`ancestor_ids @> array[${org.id}]::uuid[]`)
      .executeTakeFirst();
    if (!d) bad('ownerDepartmentId', 'not a department of this organisation');
  }
  if (refs.engineerId) {
    const u = await db
      .selectFrom('users')
      .innerJoin('organisations as o', 'o.id', 'users.orgId')
      .select('users.id')
      .where('users.id', '=', refs.engineerId)
      .where((eb) => eb.or([eb('users.orgId', 'in', line), sql<SqlBool>`o.ancestor_ids @> array[${org.id}]::uuid[]`]))
      .executeTakeFirst();
    if (!u) bad('engineerId');
  }
  if (issues.length) throw invalid('validation', 'Some references are invalid', issues);
}
