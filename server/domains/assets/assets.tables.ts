import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AssetFieldDef } from '../../../shared/schemas/assets.ts';

type XcState = 'domestic' | 'foreign' | 'unknown';
/** pg returns numeric as a string; we write numbers. */
type Numeric = ColumnType<string | number, number | string, number | string>;
type AttributeMap = Record<string, string | number | boolean | null>;

export interface AssetKindsTable {
  id: Generated<string>;
  key: string;
  name: string;
  nameEn: string;
  category: string;
  isBuiltin: Generated<boolean>;
  codePrefix: string;
  fields: JSONColumnType<AssetFieldDef[], string, string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface LocationsTable {
  id: Generated<string>;
  orgId: string;
  parentId: string | null;
  ancestorIds: string[];
  kind: 'site' | 'building' | 'floor' | 'room' | 'rack';
  name: string;
  code: string | null;
  rackUnits: number | null;
  notes: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface VendorsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  contactName: string | null;
  contactPhoneSealed: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface MaintenanceContractsTable {
  id: Generated<string>;
  orgId: string;
  vendorId: string | null;
  code: string;
  name: string;
  /** 'YYYY-MM-DD' */
  startsOn: string;
  endsOn: string;
  costFen: number | null;
  notes: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface MaintenanceContractDocumentsTable {
  contractId: string;
  orgId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sm3: string;
  content: Uint8Array;
  uploadedAt: Date;
  uploadedBy: string | null;
}

export interface AssetCodeSequencesTable {
  orgId: string;
  prefix: string;
  lastValue: number;
}

export interface AssetsTable {
  id: Generated<string>;
  orgId: string;
  kindId: string;
  code: string;
  name: string;
  brand: string | null;
  model: string | null;
  serialNumber: string | null;
  quantity: Generated<number>;
  unit: Generated<string>;
  status: Generated<'in_stock' | 'in_use' | 'under_repair' | 'retired' | 'scrapped'>;
  locationId: string | null;
  rackUnitStart: number | null;
  rackUnitSize: number | null;
  ownerDepartmentId: string | null;
  ownerPerson: string | null;
  engineerId: string | null;
  importance: Generated<'core' | 'important' | 'normal'>;
  /** 'YYYY-MM-01' */
  purchaseMonth: string | null;
  warrantyYears: Numeric | null;
  warrantyEndsOn: string | null;
  warrantyEndIsExplicit: Generated<boolean>;
  vendorId: string | null;
  contractId: string | null;
  endOfServiceOn: string | null;
  managementIps: Generated<string[]>;
  hostNames: Generated<string[]>;
  cpu: string | null;
  os: string | null;
  database: string | null;
  middleware: string | null;
  xcCpu: Generated<XcState>;
  xcOs: Generated<XcState>;
  xcDatabase: Generated<XcState>;
  xcMiddleware: Generated<XcState>;
  xcOverall: Generated<XcState>;
  attributes: JSONColumnType<AttributeMap, string, string>;
  notes: string | null;
  searchText: Generated<string>;
  createdAt: Generated<Date>;
  createdBy: string | null;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}

export interface AssetRelationsTable {
  id: Generated<string>;
  orgId: string;
  fromAssetId: string;
  toAssetId: string;
  kind: 'runs_on' | 'depends_on' | 'connects' | 'backs_up' | 'powered_by' | 'located_in';
  attributes: JSONColumnType<Record<string, string | number | boolean>, string, string>;
  createdAt: Generated<Date>;
  createdBy: string | null;
}

export interface AssetHistoryTable {
  id: Generated<number>;
  assetId: string;
  orgId: string;
  changedAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'relation_add' | 'relation_remove';
  changes: JSONColumnType<Record<string, [unknown, unknown]>, string, never>;
  importId: string | null;
}

export interface AssetTables {
  assetKinds: AssetKindsTable;
  locations: LocationsTable;
  vendors: VendorsTable;
  maintenanceContracts: MaintenanceContractsTable;
  maintenanceContractDocuments: MaintenanceContractDocumentsTable;
  assetCodeSequences: AssetCodeSequencesTable;
  assets: AssetsTable;
  assetRelations: AssetRelationsTable;
  assetHistory: AssetHistoryTable;
}
