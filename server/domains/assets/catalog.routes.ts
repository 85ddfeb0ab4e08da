import { z } from 'zod';
import {
  AssetKind,
  AssetKindCreateInput,
  AssetKindUpdateInput,
  CONTRACT_DOCUMENT_MAX_BYTES,
  Location,
  LocationCreateInput,
  LocationListQuery,
  LocationUpdateInput,
  MaintenanceContract,
  MaintenanceContractCreateInput,
  MaintenanceContractListQuery,
  MaintenanceContractUpdateInput,
  Vendor,
  VendorCreateInput,
  VendorListQuery,
  VendorUpdateInput,
} from '../../../shared/schemas/assets.ts';
import { IdParam } from '../../../shared/schemas/common.ts';
import { defineRoutes } from '../../platform/api.ts';
import { invalid } from '../../platform/errors.ts';
import type { ContractService } from './contracts.service.ts';
import type { AssetKindService } from './kinds.service.ts';
import type { LocationService } from './locations.service.ts';
import type { VendorService } from './vendors.service.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const KINDS_ARE_GLOBAL = 'asset kinds are one platform-wide catalogue without an organisation';
const tooLarge = () => invalid('contract.document_too_large', 'The document is larger than 10 MB');

/** Reads a request body up to `max` bytes; a larger one is refused without reading it all. */
async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Asset kinds, locations, vendors and maintenance contracts: what assets refer to. */
export function assetCatalogRoutes(kinds: AssetKindService, locations: LocationService, vendors: VendorService, contracts: ContractService) {
  return (
    defineRoutes('assets')
      // Readable with asset.read or asset_kind.manage, so the route names none and the service checks either.
      .get('/asset-kinds', { summary: 'List asset kinds with their typed fields', response: z.object({ items: z.array(AssetKind) }), tenancy: { none: KINDS_ARE_GLOBAL } }, async ({ actor }) => ({ items: await kinds.list(actor) }))
      .get('/asset-kinds/:id', { summary: 'Get an asset kind', params: IdParam, response: AssetKind, tenancy: { none: KINDS_ARE_GLOBAL } }, ({ actor, params }) => kinds.get(actor, params.id))
      .post(
        '/asset-kinds',
        {
          summary: 'Add an asset kind (administrators of a root organisation)',
          permission: 'asset_kind.manage',
          body: AssetKindCreateInput,
          response: AssetKind,
          status: 201,
          tenancy: { none: KINDS_ARE_GLOBAL },
          example: { key: 'infusion_pump', name: '输液泵', nameEn: 'Infusion pump', category: 'medical', codePrefix: 'PUMP', fields: [{ key: 'channels', label: '通道数', labelEn: 'Channels', type: 'integer', required: true }] },
        },
        ({ actor, body }) => kinds.create(actor, body),
      )
      .patch('/asset-kinds/:id', { summary: 'Change a kind; a built-in kind only takes extra fields', permission: 'asset_kind.manage', params: IdParam, body: AssetKindUpdateInput, response: AssetKind, tenancy: { none: KINDS_ARE_GLOBAL }, example: { name: '输液泵（改）' } }, ({ actor, params, body }) =>
        kinds.update(actor, params.id, body),
      )
      .delete('/asset-kinds/:id', { summary: 'Delete an unused custom kind', permission: 'asset_kind.manage', params: IdParam, status: 204, tenancy: { none: KINDS_ARE_GLOBAL } }, async ({ actor, params }) => {
        await kinds.remove(actor, params.id);
        return null;
      })

      .get('/locations', { summary: 'List locations in scope (flat; build the tree from parentId)', permission: 'asset.read', query: LocationListQuery, response: z.object({ items: z.array(Location) }), tenancy: { list: 'location' } }, async ({ actor, query }) => ({
        items: await locations.list(actor, query),
      }))
      .post(
        '/locations',
        { summary: 'Create a location (site, building, floor, room or rack)', permission: 'asset.manage', body: LocationCreateInput, response: Location, status: 201, tenancy: { none: 'the orgId in the body is checked like an :id (an organisation outside the scope is 404)' }, example: { orgId: SOME_ID, kind: 'room', name: '中心机房', code: 'JF-1' } },
        ({ actor, body }) => locations.create(actor, body),
      )
      .get('/locations/:id', { summary: 'Get a location', permission: 'asset.read', params: IdParam, response: Location, tenancy: { object: 'location' } }, ({ actor, params }) => locations.get(actor, params.id))
      .patch('/locations/:id', { summary: 'Rename or move a location', permission: 'asset.manage', params: IdParam, body: LocationUpdateInput, response: Location, tenancy: { object: 'location' }, example: { name: '主机房' } }, ({ actor, params, body }) =>
        locations.update(actor, params.id, body),
      )
      .delete('/locations/:id', { summary: 'Delete an empty location', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'location' } }, async ({ actor, params }) => {
        await locations.remove(actor, params.id);
        return null;
      })

      .get('/vendors', { summary: 'List vendors in scope', permission: 'asset.read', query: VendorListQuery, response: z.object({ items: z.array(Vendor) }), tenancy: { list: 'vendor' } }, async ({ actor, query }) => ({ items: await vendors.list(actor, query) }))
      .post(
        '/vendors',
        { summary: 'Add a vendor', permission: 'asset.manage', body: VendorCreateInput, response: Vendor, status: 201, tenancy: { none: 'the orgId in the body is checked like an :id (an organisation outside the scope is 404)' }, example: { orgId: SOME_ID, name: '某某信息技术有限公司', contactName: '李四', contactPhone: '13800001111' } },
        ({ actor, body }) => vendors.create(actor, body),
      )
      .get('/vendors/:id', { summary: 'Get a vendor', permission: 'asset.read', params: IdParam, response: Vendor, tenancy: { object: 'vendor' } }, ({ actor, params }) => vendors.get(actor, params.id))
      .patch('/vendors/:id', { summary: 'Change a vendor', permission: 'asset.manage', params: IdParam, body: VendorUpdateInput, response: Vendor, tenancy: { object: 'vendor' }, example: { notes: '驻场 2 人' } }, ({ actor, params, body }) => vendors.update(actor, params.id, body))
      .delete('/vendors/:id', { summary: 'Delete a vendor no contract or asset names', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'vendor' } }, async ({ actor, params }) => {
        await vendors.remove(actor, params.id);
        return null;
      })

      .get('/maintenance-contracts', { summary: 'List maintenance contracts in scope', permission: 'asset.read', query: MaintenanceContractListQuery, response: z.object({ items: z.array(MaintenanceContract) }), tenancy: { list: 'maintenance_contract' } }, async ({ actor, query }) => ({
        items: await contracts.list(actor, query),
      }))
      .post(
        '/maintenance-contracts',
        {
          summary: 'Add a maintenance contract (cost in 分)',
          permission: 'asset.manage',
          body: MaintenanceContractCreateInput,
          response: MaintenanceContract,
          status: 201,
          tenancy: { none: 'the orgId in the body is checked like an :id (an organisation outside the scope is 404)' },
          example: { orgId: SOME_ID, code: 'WB-2026-01', name: '2026 年度硬件维保', startsOn: '2026-01-01', endsOn: '2026-12-31', costFen: 12_000_000 },
        },
        ({ actor, body }) => contracts.create(actor, body),
      )
      .get('/maintenance-contracts/:id', { summary: 'Get a maintenance contract', permission: 'asset.read', params: IdParam, response: MaintenanceContract, tenancy: { object: 'maintenance_contract' } }, ({ actor, params }) => contracts.get(actor, params.id))
      .patch(
        '/maintenance-contracts/:id',
        { summary: 'Change a maintenance contract', permission: 'asset.manage', params: IdParam, body: MaintenanceContractUpdateInput, response: MaintenanceContract, tenancy: { object: 'maintenance_contract' }, example: { endsOn: '2027-12-31' } },
        ({ actor, params, body }) => contracts.update(actor, params.id, body),
      )
      .delete('/maintenance-contracts/:id', { summary: 'Delete a contract no asset refers to', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'maintenance_contract' } }, async ({ actor, params }) => {
        await contracts.remove(actor, params.id);
        return null;
      })
      .put(
        '/maintenance-contracts/:id/document',
        {
          summary: 'Upload the contract document as the raw request body (PDF, OFD, image, Word, Excel; ≤ 10 MB); ?fileName= names it',
          permission: 'asset.manage',
          params: IdParam,
          query: z.object({ fileName: z.string().trim().min(1).max(200).optional() }),
          response: MaintenanceContract,
          tenancy: { object: 'maintenance_contract' },
        },
        async ({ actor, params, query, c }) => {
          // Scope first: another tenant's contract is 404 before a byte of the body is read.
          await contracts.assertManageable(actor, params.id);
          if (!query.fileName) throw invalid('validation', 'Name the file', [{ path: ['query', 'fileName'], message: 'required', code: 'invalid_type' }]);
          if (Number(c.req.header('content-length') ?? 0) > CONTRACT_DOCUMENT_MAX_BYTES) throw tooLarge();
          const content = await readLimited(c.req.raw.body, CONTRACT_DOCUMENT_MAX_BYTES);
          return contracts.putDocument(actor, params.id, query.fileName, content);
        },
      )
      .get('/maintenance-contracts/:id/document', { summary: 'Download the contract document', permission: 'asset.read', params: IdParam, produces: 'application/octet-stream', tenancy: { object: 'maintenance_contract' } }, async ({ actor, params, c }) => {
        const doc = await contracts.getDocument(actor, params.id);
        c.header('Content-Type', doc.contentType);
        c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
        return c.body(new Uint8Array(doc.content));
      })
      .delete('/maintenance-contracts/:id/document', { summary: 'Remove the contract document', permission: 'asset.manage', params: IdParam, status: 204, tenancy: { object: 'maintenance_contract' } }, async ({ actor, params }) => {
        await contracts.removeDocument(actor, params.id);
        return null;
      })
  );
}
