export { maintenanceWindowRoutes } from './maintenance-windows.routes.ts';
export { createMaintenanceWindowService, MAINTENANCE_WINDOW_MESSAGES, type MaintenanceWindowService } from './maintenance-windows.service.ts';
export { activeProbeIds, windowsForProbes, type ProbeRef } from './suppression.ts';
export { isInMaintenance, MAX_OCCURRENCES, mergeIntervals, nextOccurrence, occurrences, type Interval, type WindowTiming } from './occurrences.ts';
