import type { Migration } from 'kysely/migration';
import * as m202611220300 from './202611220300_create_platform.ts';
import * as m202611221000 from './202611221000_create_assets.ts';
import * as m202611221100 from './202611221100_create_asset_imports.ts';
import * as m202611221200 from './202611221200_add_asset_code_order_index.ts';
import * as m202611221300 from './202611221300_create_saved_filters.ts';
import * as m202611230000 from './202611230000_create_monitoring.ts';
import * as m202611230100 from './202611230100_add_asset_search_indexes.ts';
import * as m202611230200 from './202611230200_create_notification_outbox.ts';
import * as m202611240000 from './202611240000_create_alerts.ts';
import * as m202611250000 from './202611250000_create_servicedesk.ts';
import * as m202611250100 from './202611250100_create_problems_changes_knowledge.ts';

/** Every migration in order. Never edit one after it has landed: add a new file and list it here. */
export const migrations: Record<string, Migration> = {
  '202611220300_create_platform': m202611220300,
  '202611221000_create_assets': m202611221000,
  '202611221100_create_asset_imports': m202611221100,
  '202611221200_add_asset_code_order_index': m202611221200,
  '202611221300_create_saved_filters': m202611221300,
  '202611230000_create_monitoring': m202611230000,
  '202611230100_add_asset_search_indexes': m202611230100,
  '202611230200_create_notification_outbox': m202611230200,
  '202611240000_create_alerts': m202611240000,
  '202611250000_create_servicedesk': m202611250000,
  '202611250100_create_problems_changes_knowledge': m202611250100,
};
