import { sql, type SqlBool } from 'kysely';
import type { AssetRef, AssetRelation, AssetRelationCreateInput, ImpactGraph } from '../../../shared/schemas/assets.ts';
import { inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { recordHistory } from './asset-write.ts';

/**
 * Relation kinds along which a failure spreads, always from `to` to `from`: the server an application
 * runs on, the switch a server depends on, the UPS that powers it, the rack it stands in, either system
 * an interface connects. backs_up is left out: a failed backup target leaves the protected asset running.
 */
export const IMPACT_KINDS = ['runs_on', 'depends_on', 'connects', 'powered_by', 'located_in'] as const;
const MAX_IMPACT_NODES = 2000;

type RefRow = { id: string; orgId: string; code: string; name: string; kindKey: string; kindName: string; status: AssetRef['status']; importance: AssetRef['importance'] };
const presentRef = (r: RefRow): AssetRef => ({ id: r.id, orgId: r.orgId, code: r.code, name: r.name, kindKey: r.kindKey, kindName: r.kindName, status: r.status, importance: r.importance });


/** Relations between assets (runs on, depends on, connects …) and the transitive impact of a failure. */
export function createRelationService({ db, audit, clock }: PlatformDeps) {
  const refs = (d: Db) =>
    d.selectFrom('assets as a').innerJoin('assetKinds as k', 'k.id', 'a.kindId').select(['a.id', 'a.orgId', 'a.code', 'a.name', 'k.key as kindKey', 'k.name as kindName', 'a.status', 'a.importance']);

  async function refIn(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage'): Promise<RefRow> {
    const row = await refs(d).where('a.id', '=', id).where(inScope(scopeOf(actor, permission), 'a.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('asset', id);
    return row;
  }

  return {
    /** Relations of a visible asset in both directions; a relation whose other end is outside the scope is not shown. */
    async list(actor: Actor, assetId: string): Promise<AssetRelation[]> {
      const scope = scopeOf(actor, 'asset.read');
      await refIn(db, actor, assetId, 'asset.read');
      const rows = await db
        .selectFrom('assetRelations as r')
        .innerJoin('assets as a', (j) => j.on(sql<SqlBool>`a.id = case when r.from_asset_id = ${assetId}::uuid then r.to_asset_id else r.from_asset_id end`))
        .innerJoin('assetKinds as k', 'k.id', 'a.kindId')
        .select(['r.id', 'r.kind', 'r.fromAssetId', 'r.toAssetId', 'r.attributes', 'r.createdAt', 'a.id as otherId', 'a.orgId', 'a.code', 'a.name', 'k.key as kindKey', 'k.name as kindName', 'a.status', 'a.importance'])
        .where((eb) => eb.or([eb('r.fromAssetId', '=', assetId), eb('r.toAssetId', '=', assetId)]))
        .where(inScope(scope, 'a.org_id', actor))
        .orderBy('r.kind')
        .orderBy('a.code')
        .limit(5000)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        fromAssetId: r.fromAssetId,
        toAssetId: r.toAssetId,
        attributes: r.attributes,
        other: presentRef({ ...r, id: r.otherId }),
        direction: r.fromAssetId === assetId ? 'outgoing' : 'incoming',
        createdAt: r.createdAt.toISOString(),
      }));
    },

    /** Links two assets the actor manages (both ends' organisations in scope). */
    async add(actor: Actor, fromId: string, input: AssetRelationCreateInput): Promise<AssetRelation> {
      const from = await refIn(db, actor, fromId, 'asset.manage');
      const to = await refIn(db, actor, input.toAssetId, 'asset.manage');
      if (from.id === to.id) throw invalid('asset_relation.self', 'An asset cannot relate to itself');
      const row = await db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('assetRelations').select('id').where('fromAssetId', '=', from.id).where('toAssetId', '=', to.id).where('kind', '=', input.kind).executeTakeFirst();
        if (exists) throw conflict('asset_relation.exists', 'The relation exists');
        const now = clock.now();
        const row = await trx
          .insertInto('assetRelations')
          .values({ orgId: from.orgId, fromAssetId: from.id, toAssetId: to.id, kind: input.kind, attributes: JSON.stringify(input.attributes), createdAt: now, createdBy: actor.userId })
          .returningAll()
          .executeTakeFirstOrThrow();
        const relation = { id: row.id, kind: row.kind, fromAssetId: from.id, toAssetId: to.id };
        await recordHistory(trx, actor, now, [
          { assetId: from.id, orgId: from.orgId, action: 'relation_add', changes: { relation: [null, relation] } },
          { assetId: to.id, orgId: to.orgId, action: 'relation_add', changes: { relation: [null, relation] } },
        ]);
        await audit.record(trx, subjectOf(actor), { eventType: 'asset_relation.create', action: 'create', objectType: 'asset_relation', objectId: row.id, orgId: from.orgId, detail: { after: { ...relation, attributes: input.attributes } } });
        return row;
      });
      return { id: row.id, kind: row.kind, fromAssetId: row.fromAssetId, toAssetId: row.toAssetId, attributes: row.attributes, other: presentRef(to), direction: 'outgoing', createdAt: row.createdAt.toISOString() };
    },

    /** Removes a relation; the actor must manage both ends, otherwise it does not exist for them. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const scope = scopeOf(actor, 'asset.manage');
        const row = await trx
          .selectFrom('assetRelations as r')
          .innerJoin('assets as f', 'f.id', 'r.fromAssetId')
          .innerJoin('assets as t', 't.id', 'r.toAssetId')
          .select(['r.id', 'r.kind', 'r.fromAssetId', 'r.toAssetId', 'f.orgId as fromOrgId', 't.orgId as toOrgId'])
          .where('r.id', '=', id)
          .where(inScope(scope, 'f.org_id', actor))
          .where(inScope(scope, 't.org_id', actor))
          .executeTakeFirst();
        if (!row) throw notFound('asset_relation', id);
        await trx.deleteFrom('assetRelations').where('id', '=', id).execute();
        const relation = { id: row.id, kind: row.kind, fromAssetId: row.fromAssetId, toAssetId: row.toAssetId };
        await recordHistory(trx, actor, clock.now(), [
          { assetId: row.fromAssetId, orgId: row.fromOrgId, action: 'relation_remove', changes: { relation: [relation, null] } },
          { assetId: row.toAssetId, orgId: row.toOrgId, action: 'relation_remove', changes: { relation: [relation, null] } },
        ]);
        await audit.record(trx, subjectOf(actor), { eventType: 'asset_relation.delete', action: 'delete', objectType: 'asset_relation', objectId: id, orgId: row.fromOrgId, detail: { before: relation } });
      });
    },

    /**
     * "If this asset fails, what is affected": a breadth-first walk from the asset against the direction
     * of IMPACT_KINDS relations, up to `depth` steps, through assets in the actor's scope only. UNION on
     * (asset, depth) keeps each level's set distinct, so cycles and diamonds stay bounded by depth × assets.
     */
    async impact(actor: Actor, id: string, depth: number): Promise<ImpactGraph> {
      const scope = scopeOf(actor, 'asset.read');
      await refIn(db, actor, id, 'asset.read');
      const kinds = sql.join(IMPACT_KINDS.map((k) => sql.lit(k)));
      const reached = await sql<{ id: string; depth: number }>`
        with recursive walk(asset_id, depth) as (
          select ${id}::uuid, 0
          union
          select r.from_asset_id, w.depth + 1
          from walk w
          join asset_relations r on r.to_asset_id = w.asset_id and r.kind in (${kinds})
          join assets a on a.id = r.from_asset_id
          where w.depth < ${depth} and ${inScope(scope, 'a.org_id', actor)}
        )
        select asset_id as id, min(depth)::int as depth from walk group by asset_id order by min(depth), asset_id limit ${MAX_IMPACT_NODES + 1}
      `.execute(db);
      const truncated = reached.rows.length > MAX_IMPACT_NODES;
      const levels = new Map(reached.rows.slice(0, MAX_IMPACT_NODES).map((r) => [r.id, r.depth]));
      const ids = [...levels.keys()];
      const [nodes, edges] = await Promise.all([
        refs(db).where('a.id', 'in', ids).execute(),
        ids.length > 1
          ? db.selectFrom('assetRelations').select(['id', 'fromAssetId', 'toAssetId', 'kind']).where('fromAssetId', 'in', ids).where('toAssetId', 'in', ids).where('kind', 'in', [...IMPACT_KINDS]).orderBy('id').execute()
          : Promise.resolve([]),
      ]);
      return {
        rootId: id,
        depth,
        nodes: nodes.map((n) => ({ ...presentRef(n), depth: levels.get(n.id)! })).sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code)),
        edges: edges.map((e) => ({ id: e.id, fromAssetId: e.fromAssetId, toAssetId: e.toAssetId, kind: e.kind })),
        truncated,
      };
    },
  };
}

export type RelationService = ReturnType<typeof createRelationService>;
