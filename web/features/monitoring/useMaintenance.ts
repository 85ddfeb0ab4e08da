import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MaintenanceWindowCreateInput } from '../../../shared/schemas/maintenance-windows.ts';
import {
  cancelMaintenanceWindow,
  createMaintenanceWindow,
  listMaintenanceWindows,
  maintenanceKey,
  probesKey,
  type MaintenanceFilters,
} from './monitoring.api.ts';

export function useMaintenanceWindows(query: MaintenanceFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: [...maintenanceKey, 'list', query], queryFn: () => listMaintenanceWindows(query), placeholderData: keepPreviousData, enabled });
}

/** A window starting or ending now turns probes to or from 'maintenance': the probe pages are refreshed too. */
export function useMaintenanceMutations() {
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries({ queryKey: maintenanceKey });
    await qc.invalidateQueries({ queryKey: probesKey });
  };
  return {
    create: useMutation({ mutationFn: (input: MaintenanceWindowCreateInput) => createMaintenanceWindow(input), onSuccess }),
    cancel: useMutation({ mutationFn: (id: string) => cancelMaintenanceWindow(id), onSuccess }),
  };
}
