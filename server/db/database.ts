import type { AccessTables } from '../domains/access/access.tables.ts';
import type { AssetTables } from '../domains/assets/assets.tables.ts';
import type { AssetImportTables } from '../domains/assets/imports/imports.tables.ts';
import type { CalendarTables } from '../domains/calendars/calendars.tables.ts';
import type { OrganisationTables } from '../domains/organisations/organisations.tables.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { AlertTables } from '../domains/alerts/alerts.tables.ts';
import type { NotificationTables } from '../domains/alerts/notifications/notifications.tables.ts';
import type { MonitoringTables } from '../domains/monitoring/monitoring.tables.ts';
import type { SavedFilterTables } from '../domains/saved-filters/saved-filters.tables.ts';
import type { ServiceDeskTables } from '../domains/servicedesk/servicedesk.tables.ts';
import type { ServiceDeskItilTables } from '../domains/servicedesk/itil.tables.ts';

/** Every table, by domain. A new domain adds its `*Tables` interface here. */
export interface Database extends PlatformTables, OrganisationTables, AccessTables, CalendarTables, AssetTables, AssetImportTables, SavedFilterTables, MonitoringTables, NotificationTables, AlertTables, ServiceDeskTables, ServiceDeskItilTables {}
