import { systemActor } from '../../platform/actor.ts';
import type { Logger } from '../../platform/log.ts';
import type { AssetOverviewService } from './overview.service.ts';

export interface ReminderSummary {
  today: string;
  warranty: number;
  endOfService: number;
  contract: number;
  /** per organisation id: how many items fall due */
  byOrganisation: Record<string, number>;
}

/**
 * The daily 'assets.reminders' job: counts warranty ends, ends of service and contract ends due within
 * `days` across all organisations and logs them (ids and counts only). The worker also raises them as alerts
 * (alerts/engine/asset-reminders.ts); GET /assets/reminders computes the same list for a person's scope.
 */
export async function runAssetReminders(overview: AssetOverviewService, log: Logger, days = 30): Promise<ReminderSummary> {
  const { today, items } = await overview.reminders(systemActor, { days });
  const summary: ReminderSummary = { today, warranty: 0, endOfService: 0, contract: 0, byOrganisation: {} };
  for (const item of items) {
    if (item.type === 'warranty') summary.warranty++;
    else if (item.type === 'end_of_service') summary.endOfService++;
    else summary.contract++;
    summary.byOrganisation[item.orgId] = (summary.byOrganisation[item.orgId] ?? 0) + 1;
  }
  if (items.length > 0) log.info({ ...summary, days }, 'asset reminders due');
  return summary;
}
