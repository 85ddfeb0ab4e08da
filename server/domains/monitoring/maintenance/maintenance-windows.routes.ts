import { IdParam } from '../../../../shared/schemas/common.ts';
import { MaintenanceWindow, MaintenanceWindowCreateInput, MaintenanceWindowListQuery, MaintenanceWindowPage } from '../../../../shared/schemas/maintenance-windows.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { MaintenanceWindowService } from './maintenance-windows.service.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Planning and cancelling maintenance windows of probes, assets and organisations. */
export function maintenanceWindowRoutes(windows: MaintenanceWindowService) {
  return defineRoutes('monitoring')
    .get(
      '/maintenance-windows',
      { summary: 'List maintenance windows in scope (filter by organisation subtree, probe, asset, status)', permission: 'probe.read', query: MaintenanceWindowListQuery, response: MaintenanceWindowPage, tenancy: { list: 'maintenance_window' } },
      ({ actor, query }) => windows.list(actor, query),
    )
    .post(
      '/maintenance-windows',
      {
        summary: 'Plan a maintenance window: one-off, or repeating daily, weekly or monthly',
        permission: 'probe.manage',
        body: MaintenanceWindowCreateInput,
        response: MaintenanceWindow,
        status: 201,
        tenancy: { none: 'the probeId, assetId or orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: {
          scope: 'probe',
          probeId: SOME_ID,
          title: 'HIS 数据库每周维护',
          reason: '周日凌晨例行备份与补丁',
          startsAt: '2026-12-01T00:00:00+08:00',
          endsAt: '2027-12-01T00:00:00+08:00',
          recurrence: { freq: 'weekly', weekdays: [7], time: '02:00', durationMinutes: 120, timeZone: 'Asia/Shanghai' },
        },
      },
      ({ actor, body }) => windows.create(actor, body),
    )
    .get('/maintenance-windows/:id', { summary: 'Get a maintenance window', permission: 'probe.read', params: IdParam, response: MaintenanceWindow, tenancy: { object: 'maintenance_window' } }, ({ actor, params }) =>
      windows.get(actor, params.id),
    )
    .post(
      '/maintenance-windows/:id/cancel',
      { summary: 'Cancel a window now: it stops suppressing at once (an upcoming one never takes effect)', permission: 'probe.manage', params: IdParam, response: MaintenanceWindow, tenancy: { object: 'maintenance_window' } },
      ({ actor, params }) => windows.cancel(actor, params.id),
    );
}
