import { sql, type Selectable } from 'kysely';
import type { Location, LocationCreateInput, LocationListQuery, LocationUpdateInput } from '../../../shared/schemas/assets.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import { reparentSubtree } from '../../platform/tree.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { LocationsTable } from './assets.tables.ts';

type Row = Selectable<LocationsTable> & { fullName: string };

// site → building → floor → room → rack; a level may be skipped (a clinic has rooms and no buildings).
const RANK: Record<LocationsTable['kind'], number> = { site: 0, building: 1, floor: 2, room: 3, rack: 4 };
const DEFAULT_RACK_UNITS = 42;

function rethrowCodeTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('location.code_taken', 'The location code is taken in this organisation');
  throw e;
}

/** Where assets stand: a tree per organisation from site down to rack. */
export function createLocationService({ db, audit, clock }: PlatformDeps) {
  const detailed = (d: Db) =>
    d
      .selectFrom('locations')
      .selectAll('locations')
      .select(sql<string>`(select string_agg(l2.name, ' / ' order by cardinality(l2.ancestor_ids)) from locations l2 where l2.id = any(locations.ancestor_ids))`.as('fullName'));

  const present = (r: Row): Location => ({
    id: r.id,
    orgId: r.orgId,
    parentId: r.parentId,
    kind: r.kind,
    name: r.name,
    code: r.code,
    rackUnits: r.rackUnits,
    notes: r.notes,
    path: r.ancestorIds,
    fullName: r.fullName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });
  const snapshot = (r: Selectable<LocationsTable>) => ({ orgId: r.orgId, parentId: r.parentId, kind: r.kind, name: r.name, code: r.code, rackUnits: r.rackUnits, notes: r.notes });

  async function getRow(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage'): Promise<Row> {
    const row = await detailed(d).where('locations.id', '=', id).where(inScope(scopeOf(actor, permission), 'locations.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('location', id);
    return row;
  }

  function assertUnder(parent: Row | null, kind: LocationsTable['kind'], orgId: string) {
    if (!parent) return;
    if (parent.orgId !== orgId) throw invalid('location.bad_parent', 'The parent location belongs to another organisation');
    if (RANK[parent.kind] >= RANK[kind]) throw invalid('location.bad_parent', `A ${kind} cannot be placed in a ${parent.kind}`);
  }

  const presentById = async (id: string) => present(await detailed(db).where('locations.id', '=', id).executeTakeFirstOrThrow());

  return {
    async list(actor: Actor, query: LocationListQuery): Promise<Location[]> {
      const scope = scopeOf(actor, 'asset.read');
      let q = detailed(db).where(inScope(scope, 'locations.org_id', actor, query.orgId));
      if (query.parentId) q = q.where('locations.parentId', '=', query.parentId);
      if (query.q) q = q.where((eb) => eb.or([eb('locations.name', 'ilike', `%${query.q}%`), eb('locations.code', 'ilike', `%${query.q}%`)]));
      const rows = await q.orderBy(sql`cardinality(locations.ancestor_ids)`).orderBy('locations.name').limit(10_000).execute();
      return rows.map(present);
    },

    async get(actor: Actor, id: string): Promise<Location> {
      return present(await getRow(db, actor, id, 'asset.read'));
    },

    async create(actor: Actor, input: LocationCreateInput): Promise<Location> {
      requirePermission(actor, 'asset.manage');
      await assertInScope(db, actor, 'asset.manage', input.orgId, 'organisation', input.orgId);
      const parent = input.parentId ? await getRow(db, actor, input.parentId, 'asset.manage') : null;
      assertUnder(parent, input.kind, input.orgId);
      if (input.rackUnits != null && input.kind !== 'rack') throw invalid('location.rack_units', 'Only a rack has U positions');
      const id = await db.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        const now = clock.now();
        const row = await trx
          .insertInto('locations')
          .values({
            id,
            orgId: input.orgId,
            parentId: parent?.id ?? null,
            ancestorIds: [...(parent?.ancestorIds ?? []), id],
            kind: input.kind,
            name: input.name,
            code: input.code ?? null,
            rackUnits: input.kind === 'rack' ? (input.rackUnits ?? DEFAULT_RACK_UNITS) : null,
            notes: input.notes ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'location.create', action: 'create', objectType: 'location', objectId: id, orgId: row.orgId, detail: { after: snapshot(row) } });
        return id;
      });
      return presentById(id);
    },

    async update(actor: Actor, id: string, input: LocationUpdateInput): Promise<Location> {
      const before = await getRow(db, actor, id, 'asset.manage');
      let ancestorIds = before.ancestorIds;
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        const parent = input.parentId ? await getRow(db, actor, input.parentId, 'asset.manage') : null;
        if (parent?.ancestorIds.includes(id)) throw invalid('location.bad_parent', 'A location cannot move into itself');
        assertUnder(parent, before.kind, before.orgId);
        ancestorIds = [...(parent?.ancestorIds ?? []), id];
      }
      if (input.rackUnits != null && before.kind !== 'rack') throw invalid('location.rack_units', 'Only a rack has U positions');
      await db.transaction().execute(async (trx) => {
        if (input.rackUnits != null) {
          const used = await trx.selectFrom('assets').select(sql<number>`max(rack_unit_start + rack_unit_size - 1)`.as('top')).where('locationId', '=', id).executeTakeFirst();
          if (used?.top != null && used.top > input.rackUnits) throw invalid('location.rack_units', `Assets occupy the rack up to U ${used.top}`);
        }
        const row = await trx
          .updateTable('locations')
          .set({
            ...(input.parentId !== undefined ? { parentId: input.parentId, ancestorIds } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.rackUnits != null ? { rackUnits: input.rackUnits } : {}),
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        if (ancestorIds !== before.ancestorIds) await reparentSubtree(trx, 'locations', id, before.ancestorIds.length, ancestorIds);
        await audit.record(trx, subjectOf(actor), { eventType: 'location.update', action: 'update', objectType: 'location', objectId: id, orgId: row.orgId, detail: { before: snapshot(before), after: snapshot(row) } });
      });
      return presentById(id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, 'asset.manage');
      await db.transaction().execute(async (trx) => {
        const child = await trx.selectFrom('locations').select('id').where('parentId', '=', id).limit(1).executeTakeFirst();
        const asset = await trx.selectFrom('assets').select('id').where('locationId', '=', id).limit(1).executeTakeFirst();
        if (child || asset) throw conflict('location.not_empty', 'The location still holds other locations or assets');
        await trx.deleteFrom('locations').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'location.delete', action: 'delete', objectType: 'location', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type LocationService = ReturnType<typeof createLocationService>;
