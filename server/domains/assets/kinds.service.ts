import type { Selectable } from 'kysely';
import type { AssetFieldDef, AssetKind, AssetKindCreateInput, AssetKindUpdateInput } from '../../../shared/schemas/assets.ts';
import { can, requirePermission, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { AssetKindsTable } from './assets.tables.ts';
import { BUILTIN_ASSET_KINDS, BUILTIN_KIND_BY_KEY } from './kinds.builtin.ts';

export type KindRow = Selectable<AssetKindsTable>;

/** Built-in kinds are code: names and built-in fields are brought up to date at every start; custom fields stay. */
export async function ensureBuiltinAssetKinds({ db }: Pick<PlatformDeps, 'db'>): Promise<void> {
  const existing = new Map((await db.selectFrom('assetKinds').select(['key', 'fields']).execute()).map((r) => [r.key, r.fields]));
  for (const kind of BUILTIN_ASSET_KINDS) {
    const builtinKeys = new Set(kind.fields.map((f) => f.key));
    const custom = (existing.get(kind.key) ?? []).filter((f) => !builtinKeys.has(f.key));
    const fields = JSON.stringify([...kind.fields, ...custom]);
    await db
      .insertInto('assetKinds')
      .values({ key: kind.key, name: kind.name, nameEn: kind.nameEn, category: kind.category, isBuiltin: true, codePrefix: kind.codePrefix, fields })
      .onConflict((oc) => oc.column('key').doUpdateSet({ name: kind.name, nameEn: kind.nameEn, category: kind.category, isBuiltin: true, fields }))
      .execute();
  }
}

/** A kind by key, or a validation error naming the body field. */
export async function kindByKey(db: Db, key: string): Promise<KindRow> {
  const row = await db.selectFrom('assetKinds').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) throw invalid('asset.kind_unknown', `No asset kind ${key}`, [{ path: ['body', 'kindKey'], message: 'unknown kind', code: 'unknown_kind' }]);
  return row;
}

/** Built-in fields come back from code whatever the client sent; a missing or retyped one is refused. */
function mergeBuiltinFields(key: string, fields: AssetFieldDef[]): AssetFieldDef[] {
  const builtin = BUILTIN_KIND_BY_KEY.get(key);
  if (!builtin) return fields;
  const sent = new Map(fields.map((f) => [f.key, f]));
  const broken = builtin.fields.filter((f) => sent.get(f.key)?.type !== f.type).map((f) => f.key);
  if (broken.length) throw invalid('asset_kind.builtin_field', 'Built-in fields cannot be removed or retyped', { fields: broken });
  const builtinKeys = new Set(builtin.fields.map((f) => f.key));
  return [...builtin.fields, ...fields.filter((f) => !builtinKeys.has(f.key))];
}

/** The platform-wide catalogue of asset kinds and their typed fields. */
export function createAssetKindService({ db, audit, clock }: PlatformDeps) {
  const present = (row: KindRow): AssetKind => {
    const builtinKeys = new Set(BUILTIN_KIND_BY_KEY.get(row.key)?.fields.map((f) => f.key) ?? []);
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      nameEn: row.nameEn,
      category: row.category as AssetKind['category'],
      isBuiltin: row.isBuiltin,
      codePrefix: row.codePrefix,
      fields: row.fields.map((f) => ({ ...f, isBuiltin: row.isBuiltin && builtinKeys.has(f.key) })),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  };

  // Kinds serve every tenant, so only an administrator of a whole tree (a root organisation) changes them.
  async function assertCatalogueManager(actor: Actor): Promise<void> {
    requirePermission(actor, 'asset_kind.manage');
    if (actor.kind === 'system') return;
    const orgIds = actor.grants.filter((g) => g.permissions.has('asset_kind.manage')).map((g) => g.orgId);
    const root = await db.selectFrom('organisations').select('id').where('id', 'in', orgIds).where('parentId', 'is', null).executeTakeFirst();
    if (!root) throw forbidden('asset_kind.platform_forbidden', 'Only an administrator of a root organisation may change asset kinds');
  }

  async function getRow(id: string): Promise<KindRow> {
    const row = await db.selectFrom('assetKinds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('asset_kind', id);
    return row;
  }

  function assertReader(actor: Actor) {
    if (!can(actor, 'asset.read') && !can(actor, 'asset_kind.manage')) throw forbidden('permission.denied', 'Missing permission asset.read');
  }

  return {
    present,

    async list(actor: Actor): Promise<AssetKind[]> {
      assertReader(actor);
      const rows = await db.selectFrom('assetKinds').selectAll().orderBy('isBuiltin', 'desc').orderBy('key').execute();
      return rows.map(present);
    },

    async get(actor: Actor, id: string): Promise<AssetKind> {
      assertReader(actor);
      return present(await getRow(id));
    },

    async create(actor: Actor, input: AssetKindCreateInput): Promise<AssetKind> {
      await assertCatalogueManager(actor);
      if (BUILTIN_KIND_BY_KEY.has(input.key)) throw conflict('asset_kind.key_taken', 'The kind key is taken');
      return db.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('assetKinds').select('id').where('key', '=', input.key).executeTakeFirst();
        if (taken) throw conflict('asset_kind.key_taken', 'The kind key is taken');
        const now = clock.now();
        const row = await trx
          .insertInto('assetKinds')
          .values({ key: input.key, name: input.name, nameEn: input.nameEn, category: input.category, isBuiltin: false, codePrefix: input.codePrefix, fields: JSON.stringify(input.fields), createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'asset_kind.create', action: 'create', objectType: 'asset_kind', objectId: row.id, detail: { after: present(row) } });
        return present(row);
      });
    },

    async update(actor: Actor, id: string, input: AssetKindUpdateInput): Promise<AssetKind> {
      await assertCatalogueManager(actor);
      const before = await getRow(id);
      if (before.isBuiltin && (input.name !== undefined || input.nameEn !== undefined || input.category !== undefined || input.codePrefix !== undefined)) {
        throw new AppError('invalid', 'asset_kind.builtin', 'A built-in kind only takes extra fields');
      }
      const fields = input.fields !== undefined ? (before.isBuiltin ? mergeBuiltinFields(before.key, input.fields) : input.fields) : undefined;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('assetKinds')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
            ...(input.category !== undefined ? { category: input.category } : {}),
            ...(input.codePrefix !== undefined ? { codePrefix: input.codePrefix } : {}),
            ...(fields !== undefined ? { fields: JSON.stringify(fields) } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'asset_kind.update', action: 'update', objectType: 'asset_kind', objectId: id, detail: { before: present(before), after: present(row) } });
        return present(row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await assertCatalogueManager(actor);
      const before = await getRow(id);
      if (before.isBuiltin) throw new AppError('invalid', 'asset_kind.builtin', 'Built-in kinds cannot be deleted');
      await db.transaction().execute(async (trx) => {
        const used = await trx.selectFrom('assets').select('id').where('kindId', '=', id).limit(1).executeTakeFirst();
        if (used) throw conflict('asset_kind.in_use', 'Assets of this kind exist');
        await trx.deleteFrom('assetKinds').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'asset_kind.delete', action: 'delete', objectType: 'asset_kind', objectId: id, riskLevel: 'medium', detail: { before: present(before) } });
      });
    },
  };
}

export type AssetKindService = ReturnType<typeof createAssetKindService>;
