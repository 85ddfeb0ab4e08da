import { z } from 'zod';
import {
  Asset,
  AssetBulkInput,
  AssetBulkResult,
  AssetCreateInput,
  AssetHistoryEntry,
  AssetListQuery,
  AssetOverview,
  AssetOverviewQuery,
  AssetPage,
  AssetRelation,
  AssetRelationCreateInput,
  AssetUpdateInput,
  ImpactGraph,
  ImpactQuery,
  ReminderList,
  ReminderQuery,
} from '../../../shared/schemas/assets.ts';
import { IdParam } from '../../../shared/schemas/common.ts';
import type { Actor } from '../../platform/actor.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { AssetService } from './assets.service.ts';
import type { AssetOverviewService } from './overview.service.ts';
import type { RelationService } from './relations.service.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function assetRoutes(assets: AssetService, relations: RelationService, overview: AssetOverviewService, exportXlsx: (actor: Actor, query: AssetListQuery) => Promise<Response>) {
  return (
    defineRoutes('assets')
      .get('/assets', { summary: 'List assets in scope with filters, search and paging', permission: 'asset.read', query: AssetListQuery, response: AssetPage, tenancy: { list: 'asset' } }, ({ actor, query }) => assets.list(actor, query))
      // Fixed paths before /assets/:id, or "overview" would be read as an id.
      .get('/assets/overview', { summary: 'Counts by kind and organisation, warranty, end of service, contracts and 信创 share', permission: 'asset.read', query: AssetOverviewQuery, response: AssetOverview, tenancy: { list: 'asset' } }, ({ actor, query }) =>
        overview.overview(actor, query.orgId),
      )
      .get('/assets/reminders', { summary: 'Warranty, end-of-service and contract ends due within `days`', permission: 'asset.read', query: ReminderQuery, response: ReminderList, tenancy: { list: 'asset' } }, ({ actor, query }) => overview.reminders(actor, query))
      .get('/assets/export', { summary: 'Every asset matching the list filters as .xlsx in the template layout, streamed', permission: 'asset.read', query: AssetListQuery, produces: XLSX, tenancy: { list: 'asset' } }, ({ actor, query }) => exportXlsx(actor, query))
      .post(
        '/assets/bulk',
        {
          summary: 'Set status, importance, location, engineer or contract on many assets (all or nothing)',
          permission: 'asset.manage',
          body: AssetBulkInput,
          response: AssetBulkResult,
          tenancy: { none: 'every id in the body is checked like an :id (one asset outside the scope makes the whole request 404)' },
          example: { ids: [SOME_ID], set: { status: 'under_repair' } },
        },
        ({ actor, body }) => assets.bulkUpdate(actor, body),
      )
      .post(
        '/assets',
        {
          summary: 'Create an asset (the code is generated when omitted)',
          permission: 'asset.manage',
          body: AssetCreateInput,
          response: Asset,
          status: 201,
          tenancy: { none: 'the orgId in the body is checked like an :id (an organisation outside the scope is 404)' },
          example: { orgId: SOME_ID, kindKey: 'server', name: 'HIS 数据库服务器', brand: '戴尔', model: 'R740', quantity: 1, unit: '台', purchaseMonth: '2018-04', warrantyYears: 3, managementIps: ['10.0.0.11'], cpu: 'Intel Xeon Gold 6130', os: 'CentOS 7.6', database: 'Oracle 11g' },
        },
        ({ actor, body }) => assets.create(actor, body),
      )
      .get('/assets/:id', { summary: 'Get an asset', permission: 'asset.read', params: IdParam, response: Asset, tenancy: { object: 'asset' } }, ({ actor, params }) => assets.get(actor, params.id))
      .patch('/assets/:id', { summary: 'Change an asset (status changes included); the change lands in its history', permission: 'asset.manage', params: IdParam, body: AssetUpdateInput, response: Asset, tenancy: { object: 'asset' }, example: { status: 'under_repair' } }, ({ actor, params, body }) =>
        assets.update(actor, params.id, body),
      )
      .delete('/assets/:id', { summary: 'Delete an asset and its relations (its history stays)', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'asset' } }, async ({ actor, params }) => {
        await assets.remove(actor, params.id);
        return null;
      })
      .get('/assets/:id/history', { summary: 'Every change of an asset, newest first', permission: 'asset.read', params: IdParam, response: z.object({ items: z.array(AssetHistoryEntry) }), tenancy: { object: 'asset' } }, async ({ actor, params }) => ({
        items: await assets.history(actor, params.id),
      }))
      .get('/assets/:id/relations', { summary: 'Relations of an asset in both directions', permission: 'asset.read', params: IdParam, response: z.object({ items: z.array(AssetRelation) }), tenancy: { object: 'asset' } }, async ({ actor, params }) => ({
        items: await relations.list(actor, params.id),
      }))
      .post(
        '/assets/:id/relations',
        { summary: 'Relate this asset to another (both in the caller\'s scope)', permission: 'asset.manage', params: IdParam, body: AssetRelationCreateInput, response: AssetRelation, status: 201, tenancy: { object: 'asset' }, example: { toAssetId: SOME_ID, kind: 'runs_on' } },
        ({ actor, params, body }) => relations.add(actor, params.id, body),
      )
      .get('/assets/:id/impact', { summary: 'What a failure of this asset affects, transitively, as a graph', permission: 'asset.read', params: IdParam, query: ImpactQuery, response: ImpactGraph, tenancy: { object: 'asset' } }, ({ actor, params, query }) =>
        relations.impact(actor, params.id, query.depth),
      )
      .delete('/asset-relations/:id', { summary: 'Remove a relation', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'asset_relation' } }, async ({ actor, params }) => {
        await relations.remove(actor, params.id);
        return null;
      })
  );
}
