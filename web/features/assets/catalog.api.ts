import { z } from 'zod';
import { api, apiUrl, parse } from '../../app/api.ts';
import {
  AssetKind,
  Location,
  MaintenanceContract,
  Vendor,
  type AssetKindCreateInput,
  type AssetKindUpdateInput,
  type LocationCreateInput,
  type LocationUpdateInput,
  type MaintenanceContractCreateInput,
  type MaintenanceContractUpdateInput,
  type VendorCreateInput,
  type VendorUpdateInput,
} from '../../../shared/schemas/assets.ts';

export const kindsKey = ['asset-kinds'] as const;
export const locationsKey = ['locations'] as const;
export const vendorsKey = ['vendors'] as const;
export const contractsKey = ['maintenance-contracts'] as const;

const KindList = z.object({ items: z.array(AssetKind) });
const LocationList = z.object({ items: z.array(Location) });
const VendorList = z.object({ items: z.array(Vendor) });
const ContractList = z.object({ items: z.array(MaintenanceContract) });

/** The platform-wide catalogue of kinds (built-in and custom) with their typed fields. */
export async function listKinds(): Promise<AssetKind[]> {
  return parse(KindList, await api.get('/api/asset-kinds')).items;
}

export async function createKind(input: AssetKindCreateInput): Promise<AssetKind> {
  return parse(AssetKind, await api.post('/api/asset-kinds', input));
}

export async function updateKind(id: string, input: AssetKindUpdateInput): Promise<AssetKind> {
  return parse(AssetKind, await api.patch(`/api/asset-kinds/${id}`, input));
}

export async function deleteKind(id: string): Promise<void> {
  await api.delete(`/api/asset-kinds/${id}`);
}

/** The .xlsx import template of a kind, as a plain download link. */
export function kindTemplateUrl(id: string): string {
  return `/api/asset-kinds/${id}/template`;
}

export async function listLocations(orgId?: string): Promise<Location[]> {
  return parse(LocationList, await api.get('/api/locations', { orgId })).items;
}

export async function createLocation(input: LocationCreateInput): Promise<Location> {
  return parse(Location, await api.post('/api/locations', input));
}

export async function updateLocation(id: string, input: LocationUpdateInput): Promise<Location> {
  return parse(Location, await api.patch(`/api/locations/${id}`, input));
}

export async function deleteLocation(id: string): Promise<void> {
  await api.delete(`/api/locations/${id}`);
}

export async function listVendors(orgId?: string): Promise<Vendor[]> {
  return parse(VendorList, await api.get('/api/vendors', { orgId })).items;
}

export async function createVendor(input: VendorCreateInput): Promise<Vendor> {
  return parse(Vendor, await api.post('/api/vendors', input));
}

export async function updateVendor(id: string, input: VendorUpdateInput): Promise<Vendor> {
  return parse(Vendor, await api.patch(`/api/vendors/${id}`, input));
}

export async function deleteVendor(id: string): Promise<void> {
  await api.delete(`/api/vendors/${id}`);
}

export async function listContracts(orgId?: string): Promise<MaintenanceContract[]> {
  return parse(ContractList, await api.get('/api/maintenance-contracts', { orgId })).items;
}

export async function createContract(input: MaintenanceContractCreateInput): Promise<MaintenanceContract> {
  return parse(MaintenanceContract, await api.post('/api/maintenance-contracts', input));
}

export async function updateContract(id: string, input: MaintenanceContractUpdateInput): Promise<MaintenanceContract> {
  return parse(MaintenanceContract, await api.patch(`/api/maintenance-contracts/${id}`, input));
}

export async function deleteContract(id: string): Promise<void> {
  await api.delete(`/api/maintenance-contracts/${id}`);
}

/** The document goes as the raw request body, named by ?fileName= (≤ 10 MB, checked by the server too). */
export async function uploadContractDocument(id: string, file: File): Promise<MaintenanceContract> {
  return parse(MaintenanceContract, await api.putFile(`/api/maintenance-contracts/${id}/document`, file, { fileName: file.name }));
}

export function contractDocumentUrl(id: string): string {
  return apiUrl(`/api/maintenance-contracts/${id}/document`);
}

export async function removeContractDocument(id: string): Promise<void> {
  await api.delete(`/api/maintenance-contracts/${id}/document`);
}
