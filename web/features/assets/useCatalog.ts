import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssetKindCreateInput,
  AssetKindUpdateInput,
  LocationCreateInput,
  LocationUpdateInput,
  MaintenanceContractCreateInput,
  MaintenanceContractUpdateInput,
  VendorCreateInput,
  VendorUpdateInput,
} from '../../../shared/schemas/assets.ts';
import {
  contractsKey,
  createContract,
  createKind,
  createLocation,
  createVendor,
  deleteContract,
  deleteKind,
  deleteLocation,
  deleteVendor,
  kindsKey,
  listContracts,
  listKinds,
  listLocations,
  listVendors,
  locationsKey,
  removeContractDocument,
  updateContract,
  updateKind,
  updateLocation,
  updateVendor,
  uploadContractDocument,
  vendorsKey,
} from './catalog.api.ts';
import { assetsKey } from './assets.api.ts';

/** The catalogue changes seldom: one fetch serves every picker for a minute. */
const STALE_MS = 60_000;

export function useKinds(enabled = true) {
  return useQuery({ queryKey: kindsKey, queryFn: listKinds, staleTime: STALE_MS, enabled });
}

export function useLocations(orgId?: string, enabled = true) {
  return useQuery({ queryKey: [...locationsKey, orgId ?? null], queryFn: () => listLocations(orgId), staleTime: STALE_MS, enabled });
}

export function useVendors(orgId?: string, enabled = true) {
  return useQuery({ queryKey: [...vendorsKey, orgId ?? null], queryFn: () => listVendors(orgId), staleTime: STALE_MS, enabled });
}

export function useContracts(orgId?: string, enabled = true) {
  return useQuery({ queryKey: [...contractsKey, orgId ?? null], queryFn: () => listContracts(orgId), staleTime: STALE_MS, enabled });
}

/** A catalogue change may rename what assets show (location names, contract codes): assets refresh too. */
function useRefresh(key: readonly string[]) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: assetsKey });
  };
}

export function useKindMutations() {
  const onSuccess = useRefresh(kindsKey);
  return {
    create: useMutation({ mutationFn: (input: AssetKindCreateInput) => createKind(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: AssetKindUpdateInput }) => updateKind(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteKind(id), onSuccess }),
  };
}

export function useLocationMutations() {
  const onSuccess = useRefresh(locationsKey);
  return {
    create: useMutation({ mutationFn: (input: LocationCreateInput) => createLocation(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: LocationUpdateInput }) => updateLocation(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteLocation(id), onSuccess }),
  };
}

export function useVendorMutations() {
  const onSuccess = useRefresh(vendorsKey);
  return {
    create: useMutation({ mutationFn: (input: VendorCreateInput) => createVendor(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: VendorUpdateInput }) => updateVendor(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteVendor(id), onSuccess }),
  };
}

export function useContractMutations() {
  const onSuccess = useRefresh(contractsKey);
  return {
    create: useMutation({ mutationFn: (input: MaintenanceContractCreateInput) => createContract(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: MaintenanceContractUpdateInput }) => updateContract(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteContract(id), onSuccess }),
    upload: useMutation({ mutationFn: ({ id, file }: { id: string; file: File }) => uploadContractDocument(id, file), onSuccess }),
    removeDocument: useMutation({ mutationFn: (id: string) => removeContractDocument(id), onSuccess }),
  };
}
