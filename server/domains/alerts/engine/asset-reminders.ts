import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import type { AssetOverviewService } from '../../assets/overview.service.ts';
import type { AlertIngest } from '../store/ingest.ts';
import type { AlertSignal } from '../store/writer.ts';

// Asset reminders as alerts: warranty ends, ends of service and contract ends due within the window become 四级
// alerts (三级 in the last week), one per item and due date, refreshed by the daily job; an item that leaves the
// window (renewed, retired, or past its date) resolves its alert.

const KIND_ZH = { warranty: '保修', end_of_service: '停止服务', contract: '维保合同' } as const;

export async function raiseAssetReminders(deps: { db: Db; clock: Clock; ingest: AlertIngest; overview: AssetOverviewService }, days = 30): Promise<{ firing: number; resolved: number }> {
  const { items } = await deps.overview.reminders(systemActor, { days });
  const now = deps.clock.now();
  const signals: AlertSignal[] = items.map((item) => ({
    orgId: item.orgId,
    source: 'asset',
    dedupKey: `asset:${item.type}:${item.assetId ?? item.contractId}:${item.dueOn}`,
    status: 'firing',
    severity: item.daysLeft <= 7 ? 'P3' : 'P4',
    title: `${item.name}（${item.code}）${KIND_ZH[item.type]}将于 ${item.dueOn} 到期`,
    summary: `剩余 ${item.daysLeft} 天`,
    labels: { reminder: item.type, due_on: item.dueOn },
    assetId: item.assetId,
    probeId: null,
    url: null,
    at: now,
  }));
  const current = new Set(signals.map((s) => `${s.orgId}|${s.dedupKey}`));
  return deps.db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('alerts').select(['orgId', 'dedupKey']).where('source', '=', 'asset').where('status', '<>', 'resolved').where(sql<boolean>`dedup_key like 'asset:%'`).execute();
    const gone: AlertSignal[] = open
      .filter((a) => !current.has(`${a.orgId}|${a.dedupKey}`))
      .map((a) => ({ orgId: a.orgId, source: 'asset', dedupKey: a.dedupKey, status: 'resolved', severity: 'P4', title: '', summary: '', labels: {}, assetId: null, probeId: null, url: null, at: now }));
    await deps.ingest.ingest(trx, [...signals, ...gone], now);
    return { firing: signals.length, resolved: gone.length };
  });
}
