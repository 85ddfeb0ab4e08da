import { z } from 'zod';
import { AssetKindKey, hostName, ip, isoDate, month, optionalText, orgCode, text } from './asset-catalog.ts';
import { Page, PageQuery } from './common.ts';

// Kinds, locations, vendors and contracts live in asset-catalog.ts; one import path serves both.
export {
  AssetFieldDef,
  AssetFieldOption,
  AssetFieldType,
  AssetKind,
  AssetKindCategory,
  AssetKindCreateInput,
  AssetKindKey,
  AssetKindUpdateInput,
  CONTRACT_DOCUMENT_MAX_BYTES,
  ContractDocument,
  ContractDocumentQuery,
  Location,
  LocationCreateInput,
  LocationKind,
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
} from './asset-catalog.ts';

// ---- vocabularies ----
export const AssetStatus = z.enum(['in_stock', 'in_use', 'under_repair', 'retired', 'scrapped']);
export type AssetStatus = z.infer<typeof AssetStatus>;
/** 核心 / 重要 / 一般, as 等保 asset management grades them. */
export const AssetImportance = z.enum(['core', 'important', 'normal']);
export type AssetImportance = z.infer<typeof AssetImportance>;
export const WarrantyStatus = z.enum(['in', 'out', 'unknown']);
export type WarrantyStatus = z.infer<typeof WarrantyStatus>;
export const XinchuangState = z.enum(['domestic', 'foreign', 'unknown']);
export type XinchuangState = z.infer<typeof XinchuangState>;
export const XinchuangFlags = z.object({ cpu: XinchuangState, os: XinchuangState, database: XinchuangState, middleware: XinchuangState, overall: XinchuangState });
export type XinchuangFlags = z.infer<typeof XinchuangFlags>;
/**
 * from → to: "from runs on / depends on / is powered by / is located in to"; "from (an interface or line)
 * connects to (one end)"; "from backs up to". A failure of `to` affects `from`, except for backs_up.
 */
export const AssetRelationKind = z.enum(['runs_on', 'depends_on', 'connects', 'backs_up', 'powered_by', 'located_in']);
export type AssetRelationKind = z.infer<typeof AssetRelationKind>;


// ---- assets ----
export const AttributeValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
export const AssetAttributes = z.record(z.string().max(40), AttributeValue);

// Fields shared by create and update, without defaults: a default inside .partial() would overwrite on update.
const assetFields = {
  orgId: z.uuid(),
  kindKey: AssetKindKey,
  /** omitted on create: generated as <prefix>-<org code>-<000001> */
  code: orgCode,
  name: text(200),
  brand: optionalText(100),
  model: optionalText(200),
  serialNumber: optionalText(100),
  quantity: z.number().int().min(1).max(1_000_000),
  /** 台/套/条/组/个… */
  unit: z.string().trim().min(1).max(10),
  status: AssetStatus,
  locationId: z.uuid().nullable(),
  rackUnitStart: z.number().int().min(1).max(60).nullable(),
  rackUnitSize: z.number().int().min(1).max(60).nullable(),
  ownerDepartmentId: z.uuid().nullable(),
  ownerPerson: optionalText(50),
  engineerId: z.uuid().nullable(),
  importance: AssetImportance,
  purchaseMonth: month.nullable(),
  warrantyYears: z.number().min(0).max(50).nullable(),
  /** given: kept as is; null or omitted: purchase month + warranty years */
  warrantyEndsOn: isoDate.nullable(),
  vendorId: z.uuid().nullable(),
  contractId: z.uuid().nullable(),
  endOfServiceOn: isoDate.nullable(),
  managementIps: z.array(ip).max(32),
  hostNames: z.array(hostName).max(32),
  cpu: optionalText(100),
  os: optionalText(100),
  database: optionalText(100),
  middleware: optionalText(100),
  /** typed by the kind's fields; null removes a value */
  attributes: AssetAttributes,
  notes: optionalText(2000),
};
const rackPair = (a: { rackUnitStart?: number | null; rackUnitSize?: number | null }) => (a.rackUnitStart == null) === (a.rackUnitSize == null);
const rackMessage = { message: 'give both the first U and the height, or neither', path: ['rackUnitSize'] };
export const AssetCreateInput = z
  .object(assetFields)
  .partial()
  .extend({
    orgId: assetFields.orgId,
    kindKey: assetFields.kindKey,
    name: assetFields.name,
    quantity: assetFields.quantity.default(1),
    unit: assetFields.unit.default('台'),
    status: AssetStatus.default('in_use'),
    importance: AssetImportance.default('normal'),
    managementIps: assetFields.managementIps.default([]),
    hostNames: assetFields.hostNames.default([]),
    attributes: AssetAttributes.default({}),
  })
  .refine(rackPair, rackMessage);
export type AssetCreateInput = z.infer<typeof AssetCreateInput>;
export const AssetUpdateInput = z
  .object(assetFields)
  .omit({ orgId: true, kindKey: true })
  .partial()
  .refine((a) => a.rackUnitStart === undefined || a.rackUnitSize === undefined || rackPair(a), rackMessage);
export type AssetUpdateInput = z.infer<typeof AssetUpdateInput>;

export const Asset = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  kindKey: z.string(),
  kindName: z.string(),
  kindNameEn: z.string(),
  code: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  quantity: z.number().int(),
  unit: z.string(),
  status: AssetStatus,
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  rackUnitStart: z.number().int().nullable(),
  rackUnitSize: z.number().int().nullable(),
  ownerDepartmentId: z.uuid().nullable(),
  ownerDepartmentName: z.string().nullable(),
  ownerPerson: z.string().nullable(),
  engineerId: z.uuid().nullable(),
  engineerName: z.string().nullable(),
  importance: AssetImportance,
  purchaseMonth: month.nullable(),
  warrantyYears: z.number().nullable(),
  warrantyEndsOn: isoDate.nullable(),
  warrantyEndIsExplicit: z.boolean(),
  /** 保内 / 过保, computed on the server's today (Asia/Shanghai) */
  warrantyStatus: WarrantyStatus,
  warrantyDaysLeft: z.number().int().nullable(),
  vendorId: z.uuid().nullable(),
  vendorName: z.string().nullable(),
  contractId: z.uuid().nullable(),
  contractCode: z.string().nullable(),
  endOfServiceOn: isoDate.nullable(),
  managementIps: z.array(z.string()),
  hostNames: z.array(z.string()),
  cpu: z.string().nullable(),
  os: z.string().nullable(),
  database: z.string().nullable(),
  middleware: z.string().nullable(),
  xinchuang: XinchuangFlags,
  attributes: z.record(z.string(), AttributeValue),
  notes: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Asset = z.infer<typeof Asset>;

export const AssetSort = z.enum(['code', '-code', 'name', '-name', 'purchaseMonth', '-purchaseMonth', 'warrantyEndsOn', '-warrantyEndsOn', 'updatedAt', '-updatedAt']);
export const AssetListQuery = PageQuery.extend({
  /** a kind key */
  kind: AssetKindKey.optional(),
  /** this organisation and its subtree */
  orgId: z.uuid().optional(),
  /** this location and everything inside it */
  locationId: z.uuid().optional(),
  status: AssetStatus.optional(),
  warranty: z.enum(['in', 'out', 'expiring30', 'expiring90', 'unknown']).optional(),
  importance: AssetImportance.optional(),
  xinchuang: XinchuangState.optional(),
  /** which dimension `xinchuang` filters on; overall by default */
  xinchuangOn: z.enum(['cpu', 'os', 'database', 'middleware', 'overall']).default('overall'),
  contractId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  /** searches name, brand, model, serial number, code, IPs and host names; an IPv4 address or its start (10.0.12.) matches the management IPs that begin with it */
  q: z.string().trim().max(100).optional(),
  sort: AssetSort.default('code'),
});
export type AssetListQuery = z.infer<typeof AssetListQuery>;

/** A page of the ledger. */
export const AssetPage = Page(Asset).extend({
  /** true when the server stopped counting: `total` is a lower bound and the list shows it as "10,000+" */
  isTotalCapped: z.boolean(),
});
export type AssetPage = z.infer<typeof AssetPage>;

export const AssetBulkInput = z.object({
  ids: z.array(z.uuid()).min(1).max(1000),
  set: z
    .object({ status: AssetStatus, importance: AssetImportance, locationId: z.uuid().nullable(), engineerId: z.uuid().nullable(), contractId: z.uuid().nullable() })
    .partial()
    .refine((s) => Object.keys(s).length > 0, { message: 'set at least one field' }),
});
export type AssetBulkInput = z.infer<typeof AssetBulkInput>;
export const AssetBulkResult = z.object({ updated: z.number().int() });

// ---- relations and impact ----
export const AssetRelationAttributes = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()]));
export const AssetRelationCreateInput = z.object({ toAssetId: z.uuid(), kind: AssetRelationKind, attributes: AssetRelationAttributes.default({}) });
export type AssetRelationCreateInput = z.infer<typeof AssetRelationCreateInput>;
export const AssetRef = z.object({ id: z.uuid(), orgId: z.uuid(), code: z.string(), name: z.string(), kindKey: z.string(), kindName: z.string(), status: AssetStatus, importance: AssetImportance });
export type AssetRef = z.infer<typeof AssetRef>;
export const AssetRelation = z.object({
  id: z.uuid(),
  kind: AssetRelationKind,
  fromAssetId: z.uuid(),
  toAssetId: z.uuid(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** the asset at the other end, seen from the asset whose relations are listed */
  other: AssetRef,
  direction: z.enum(['outgoing', 'incoming']),
  createdAt: z.iso.datetime(),
});
export type AssetRelation = z.infer<typeof AssetRelation>;
export const ImpactQuery = z.object({ depth: z.coerce.number().int().min(1).max(10).default(5) });
export const ImpactGraph = z.object({
  rootId: z.uuid(),
  depth: z.number().int(),
  nodes: z.array(AssetRef.extend({ depth: z.number().int() })),
  edges: z.array(z.object({ id: z.uuid(), fromAssetId: z.uuid(), toAssetId: z.uuid(), kind: AssetRelationKind })),
  /** true when the node cap cut the graph short */
  truncated: z.boolean(),
});
export type ImpactGraph = z.infer<typeof ImpactGraph>;

// ---- history ----
export const AssetHistoryAction = z.enum(['create', 'update', 'delete', 'import', 'relation_add', 'relation_remove']);
export const AssetHistoryEntry = z.object({
  id: z.number().int(),
  assetId: z.uuid(),
  changedAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: AssetHistoryAction,
  /** field → [before, after] */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  importId: z.uuid().nullable(),
});
export type AssetHistoryEntry = z.infer<typeof AssetHistoryEntry>;

// ---- overview and reminders ----
const StateCounts = z.object({ domestic: z.number().int(), foreign: z.number().int(), unknown: z.number().int(), share: z.number().nullable() });
export const AssetOverviewQuery = z.object({ orgId: z.uuid().optional() });
export const AssetOverview = z.object({
  today: isoDate,
  /** live assets: every status except retired and scrapped */
  total: z.number().int(),
  quantity: z.number().int(),
  byStatus: z.array(z.object({ status: AssetStatus, count: z.number().int() })),
  byKind: z.array(z.object({ kindKey: z.string(), kindName: z.string(), kindNameEn: z.string(), count: z.number().int(), quantity: z.number().int() })),
  byOrganisation: z.array(
    z.object({ orgId: z.uuid(), orgName: z.string(), count: z.number().int(), quantity: z.number().int(), xinchuang: z.object({ cpu: StateCounts, os: StateCounts, database: StateCounts }) }),
  ),
  warranty: z.object({ in: z.number().int(), out: z.number().int(), unknown: z.number().int(), expiring30: z.number().int(), expiring90: z.number().int() }),
  endOfService: z.object({ past: z.number().int(), within90: z.number().int() }),
  contracts: z.object({ active: z.number().int(), expired: z.number().int(), expiring90: z.number().int() }),
  xinchuang: z.object({ cpu: StateCounts, os: StateCounts, database: StateCounts }),
});
export type AssetOverview = z.infer<typeof AssetOverview>;

export const ReminderQuery = z.object({ orgId: z.uuid().optional(), days: z.coerce.number().int().min(1).max(365).default(90) });
export type ReminderQuery = z.infer<typeof ReminderQuery>;
export const Reminder = z.object({
  type: z.enum(['warranty', 'end_of_service', 'contract']),
  dueOn: isoDate,
  daysLeft: z.number().int(),
  assetId: z.uuid().nullable(),
  contractId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
});
export type Reminder = z.infer<typeof Reminder>;
export const ReminderList = z.object({ today: isoDate, days: z.number().int(), items: z.array(Reminder) });
export type ReminderList = z.infer<typeof ReminderList>;
