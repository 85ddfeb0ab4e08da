import { z } from 'zod';

// Building blocks shared with assets.ts (not re-exported from there).
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v === '' ? null : v));
export const isoDate = z.iso.date();
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2018-04');
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, 'not a phone number');
export const ip = z.union([z.ipv4(), z.ipv6()]);
export const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9][A-Za-z0-9.\-_]*$/, 'not a host name');
export const orgCode = z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only');

export const LocationKind = z.enum(['site', 'building', 'floor', 'room', 'rack']);
export type LocationKind = z.infer<typeof LocationKind>;
export const AssetKindCategory = z.enum(['compute', 'storage', 'network', 'security', 'facility', 'terminal', 'medical', 'software', 'interface', 'cloud', 'other']);
export type AssetKindCategory = z.infer<typeof AssetKindCategory>;
/** A kind's key, e.g. server, software_system. */
export const AssetKindKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

// ---- kinds and typed attributes ----
export const AssetFieldType = z.enum(['text', 'number', 'integer', 'date', 'month', 'boolean', 'enum', 'ip']);
export type AssetFieldType = z.infer<typeof AssetFieldType>;
export const AssetFieldOption = z.object({ value: z.string().trim().min(1).max(40), label: text(60), labelEn: text(60) });
export const AssetFieldDef = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and _'),
    label: text(60),
    labelEn: text(60),
    type: AssetFieldType,
    options: z.array(AssetFieldOption).min(1).max(100).optional(),
    required: z.boolean().optional(),
    unit: z.string().trim().max(20).optional(),
  })
  .refine((f) => (f.type === 'enum') === (f.options !== undefined), { message: 'enum fields need options, other types none', path: ['options'] });
export type AssetFieldDef = z.infer<typeof AssetFieldDef>;
const FieldList = z
  .array(AssetFieldDef)
  .max(100)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, { message: 'field keys must be unique' });

export const AssetKind = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  category: AssetKindCategory,
  isBuiltin: z.boolean(),
  codePrefix: z.string(),
  fields: z.array(AssetFieldDef.and(z.object({ isBuiltin: z.boolean() }))),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AssetKind = z.infer<typeof AssetKind>;
export const AssetKindCreateInput = z.object({
  key: AssetKindKey,
  name: text(60),
  nameEn: text(60),
  category: AssetKindCategory,
  codePrefix: z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, '2–8 capital letters or digits'),
  fields: FieldList.default([]),
});
export type AssetKindCreateInput = z.infer<typeof AssetKindCreateInput>;
/** A built-in kind takes only `fields`, and they must keep every built-in field. */
export const AssetKindUpdateInput = AssetKindCreateInput.omit({ key: true }).partial();
export type AssetKindUpdateInput = z.infer<typeof AssetKindUpdateInput>;

// ---- locations ----
export const Location = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: LocationKind,
  name: z.string(),
  code: z.string().nullable(),
  rackUnits: z.number().int().nullable(),
  notes: z.string().nullable(),
  path: z.array(z.string()),
  /** e.g. 院本部 / 门诊楼 / 3F / 中心机房 / A01 */
  fullName: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Location = z.infer<typeof Location>;
export const LocationCreateInput = z.object({
  orgId: z.uuid(),
  parentId: z.uuid().nullable().optional(),
  kind: LocationKind,
  name: text(100),
  code: orgCode.nullable().optional(),
  rackUnits: z.number().int().min(1).max(60).nullable().optional(),
  notes: optionalText(500),
});
export type LocationCreateInput = z.infer<typeof LocationCreateInput>;
export const LocationUpdateInput = LocationCreateInput.omit({ orgId: true, kind: true }).partial();
export type LocationUpdateInput = z.infer<typeof LocationUpdateInput>;
export const LocationListQuery = z.object({ orgId: z.uuid().optional(), parentId: z.uuid().optional(), q: z.string().trim().max(100).optional() });
export type LocationListQuery = z.infer<typeof LocationListQuery>;

// ---- vendors and maintenance contracts ----
export const Vendor = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  contactName: z.string().nullable(),
  /** masked, e.g. 138****1234 */
  contactPhone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Vendor = z.infer<typeof Vendor>;
export const VendorCreateInput = z.object({
  orgId: z.uuid(),
  name: text(100),
  contactName: optionalText(50),
  contactPhone: phone.nullable().optional(),
  email: z.email().max(100).nullable().optional(),
  address: optionalText(200),
  notes: optionalText(1000),
});
export type VendorCreateInput = z.infer<typeof VendorCreateInput>;
export const VendorUpdateInput = VendorCreateInput.omit({ orgId: true }).partial();
export type VendorUpdateInput = z.infer<typeof VendorUpdateInput>;
export const VendorListQuery = z.object({ orgId: z.uuid().optional(), q: z.string().trim().max(100).optional() });
export type VendorListQuery = z.infer<typeof VendorListQuery>;

export const ContractDocument = z.object({ fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), uploadedAt: z.iso.datetime() });
export const MaintenanceContract = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  vendorId: z.uuid().nullable(),
  vendorName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  /** 分 (1/100 yuan) */
  costFen: z.number().int().nullable(),
  notes: z.string().nullable(),
  document: ContractDocument.nullable(),
  assetCount: z.number().int(),
  daysLeft: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MaintenanceContract = z.infer<typeof MaintenanceContract>;
const contractFields = {
  orgId: z.uuid(),
  vendorId: z.uuid().nullable().optional(),
  code: orgCode,
  name: text(200),
  startsOn: isoDate,
  endsOn: isoDate,
  costFen: z.number().int().min(0).max(1e13).nullable().optional(),
  notes: optionalText(2000),
};
export const MaintenanceContractCreateInput = z
  .object(contractFields)
  .refine((c) => c.endsOn >= c.startsOn, { message: 'the contract ends before it starts', path: ['endsOn'] });
export type MaintenanceContractCreateInput = z.infer<typeof MaintenanceContractCreateInput>;
export const MaintenanceContractUpdateInput = z
  .object(contractFields)
  .omit({ orgId: true })
  .partial()
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, { message: 'the contract ends before it starts', path: ['endsOn'] });
export type MaintenanceContractUpdateInput = z.infer<typeof MaintenanceContractUpdateInput>;
export const MaintenanceContractListQuery = z.object({
  orgId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  /** contracts ending within this many days (expired ones excluded) */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  q: z.string().trim().max(100).optional(),
});
export type MaintenanceContractListQuery = z.infer<typeof MaintenanceContractListQuery>;
/** Contract documents are capped so a contract row never drags megabytes around. */
export const CONTRACT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ContractDocumentQuery = z.object({ fileName: z.string().trim().min(1).max(200) });

