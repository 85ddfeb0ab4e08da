import dayjs, { type Dayjs } from 'dayjs';
import type { Asset, AssetFieldDef, AssetImportance, AssetStatus, AssetUpdateInput } from '../../../shared/schemas/assets.ts';
import type { AssetCreateBody } from './assets.api.ts';

/** What the form holds: pickers hold dayjs values, optional texts may be blank. */
export type AssetFormValues = {
  orgId: string;
  kindKey: string;
  code?: string;
  name: string;
  brand?: string;
  model?: string;
  serialNumber?: string;
  quantity: number;
  unit: string;
  status: AssetStatus;
  importance: AssetImportance;
  locationId?: string | null;
  rackUnitStart?: number | null;
  rackUnitSize?: number | null;
  ownerDepartmentId?: string | null;
  ownerPerson?: string;
  engineerId?: string | null;
  purchaseMonth?: Dayjs | null;
  warrantyYears?: number | null;
  warrantyEndsOn?: Dayjs | null;
  vendorId?: string | null;
  contractId?: string | null;
  endOfServiceOn?: Dayjs | null;
  managementIps: string[];
  hostNames: string[];
  cpu?: string;
  os?: string;
  database?: string;
  middleware?: string;
  notes?: string;
  attributes: Record<string, unknown>;
};

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);
const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const monthOf = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM') : null);

export function emptyFormValues(orgId: string | undefined): Partial<AssetFormValues> {
  return { orgId, quantity: 1, unit: '台', status: 'in_use', importance: 'normal', managementIps: [], hostNames: [], attributes: {} };
}

/** Typed attribute values → what the pickers hold (dates as dayjs). */
function attributesToForm(fields: AssetFieldDef[], attributes: Asset['attributes']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = attributes[f.key];
    if (v === null || v === undefined) continue;
    out[f.key] = (f.type === 'date' || f.type === 'month') && typeof v === 'string' ? dayjs(v) : v;
  }
  return out;
}

/** Every field of the kind is sent: an emptied one as null, which removes the value. */
function attributesToInput(fields: AssetFieldDef[], values: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') out[f.key] = null;
    else if (dayjs.isDayjs(v)) out[f.key] = f.type === 'month' ? v.format('YYYY-MM') : v.format('YYYY-MM-DD');
    else if (typeof v === 'string') out[f.key] = v.trim() || null;
    else if (typeof v === 'number' || typeof v === 'boolean') out[f.key] = v;
  }
  return out;
}

export function assetToFormValues(asset: Asset, fields: AssetFieldDef[]): AssetFormValues {
  return {
    orgId: asset.orgId,
    kindKey: asset.kindKey,
    code: asset.code,
    name: asset.name,
    brand: asset.brand ?? '',
    model: asset.model ?? '',
    serialNumber: asset.serialNumber ?? '',
    quantity: asset.quantity,
    unit: asset.unit,
    status: asset.status,
    importance: asset.importance,
    locationId: asset.locationId,
    rackUnitStart: asset.rackUnitStart,
    rackUnitSize: asset.rackUnitSize,
    ownerDepartmentId: asset.ownerDepartmentId,
    ownerPerson: asset.ownerPerson ?? '',
    engineerId: asset.engineerId,
    purchaseMonth: asset.purchaseMonth ? dayjs(`${asset.purchaseMonth}-01`) : null,
    warrantyYears: asset.warrantyYears,
    // a computed end date is not shown as typed in, or saving would pin it
    warrantyEndsOn: asset.warrantyEndIsExplicit && asset.warrantyEndsOn ? dayjs(asset.warrantyEndsOn) : null,
    vendorId: asset.vendorId,
    contractId: asset.contractId,
    endOfServiceOn: asset.endOfServiceOn ? dayjs(asset.endOfServiceOn) : null,
    managementIps: asset.managementIps,
    hostNames: asset.hostNames,
    cpu: asset.cpu ?? '',
    os: asset.os ?? '',
    database: asset.database ?? '',
    middleware: asset.middleware ?? '',
    notes: asset.notes ?? '',
    attributes: attributesToForm(fields, asset.attributes),
  };
}

/** The fields create and update share, cleaned up (blanks → null, dates → ISO strings). */
function commonInput(v: AssetFormValues, fields: AssetFieldDef[]): AssetUpdateInput {
  return {
    name: v.name.trim(),
    brand: blank(v.brand),
    model: blank(v.model),
    serialNumber: blank(v.serialNumber),
    quantity: v.quantity,
    unit: v.unit.trim(),
    status: v.status,
    importance: v.importance,
    locationId: v.locationId ?? null,
    rackUnitStart: v.rackUnitStart ?? null,
    rackUnitSize: v.rackUnitSize ?? null,
    ownerDepartmentId: v.ownerDepartmentId ?? null,
    ownerPerson: blank(v.ownerPerson),
    engineerId: v.engineerId ?? null,
    purchaseMonth: monthOf(v.purchaseMonth),
    warrantyYears: v.warrantyYears ?? null,
    warrantyEndsOn: day(v.warrantyEndsOn),
    vendorId: v.vendorId ?? null,
    contractId: v.contractId ?? null,
    endOfServiceOn: day(v.endOfServiceOn),
    managementIps: v.managementIps.map((s) => s.trim()).filter(Boolean),
    hostNames: v.hostNames.map((s) => s.trim()).filter(Boolean),
    cpu: blank(v.cpu),
    os: blank(v.os),
    database: blank(v.database),
    middleware: blank(v.middleware),
    notes: blank(v.notes),
    attributes: attributesToInput(fields, v.attributes ?? {}),
  };
}

export function toCreateInput(v: AssetFormValues, fields: AssetFieldDef[]): AssetCreateBody {
  const code = blank(v.code);
  return { ...commonInput(v, fields), orgId: v.orgId, kindKey: v.kindKey, name: v.name.trim(), ...(code ? { code } : {}) };
}

export function toUpdateInput(v: AssetFormValues, fields: AssetFieldDef[]): AssetUpdateInput {
  const code = blank(v.code);
  return { ...commonInput(v, fields), ...(code ? { code } : {}) };
}
