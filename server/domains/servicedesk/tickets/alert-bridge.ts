/**
 * The service desk side of the alert store's AlertTicketBridge (server/domains/alerts/store/ingest.ts): an actionable
 * alert opens an incident (channel 'alert') for its organisation and asset, with the SLA policy the asset's contract
 * or the organisation gives; when an open ticket is already linked to the alert, the alert's news is added to that
 * ticket's timeline instead. Runs inside the alert store's transaction; answers the ticket number shown on the alert.
 *
 * Level: the alert's severity picks a level by position in the policy's list (most severe first): P1 → the first
 * level, P2 → the second …, clamped to the last. Impact and urgency stay empty (no one has assessed them yet).
 */
import type { AlertRow, AlertTicketBridge } from '../../alerts/store/index.ts';
import type { RouteFacts } from '../../alerts/config/index.ts';
import { systemActor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { openTicket } from './open.ts';
import { OPEN_TICKET_STATUSES } from '../../../../shared/schemas/servicedesk.ts';

const SEVERITY_RANK: Record<string, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
const SOURCE_NAME: Record<string, string> = { probe: '监测探针', rule: '告警规则', asset: '资产', alertmanager: 'Alertmanager', zabbix: 'Zabbix', webhook: 'Webhook' };

/** The bridge to pass to createAlertStore(platform, masterKey, { ticketBridge }). */
export function createAlertTicketBridge(platform: Pick<PlatformDeps, 'audit' | 'secrets' | 'clock'>): AlertTicketBridge {
  const { audit, clock } = platform;
  return {
    async openOrUpdate(trx: Db, alert: AlertRow, _facts: RouteFacts): Promise<string | null> {
      const now = clock.now();
      const linked = await trx
        .selectFrom('ticketLinks as l')
        .innerJoin('tickets as t', 't.id', 'l.ticketId')
        .select(['t.id', 't.number', 't.orgId'])
        .where('l.kind', '=', 'alert')
        .where('l.targetId', '=', alert.id)
        .where('t.status', 'in', [...OPEN_TICKET_STATUSES])
        .orderBy('t.openedAt', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (linked) {
        const details = { alertId: alert.id, severity: alert.severity, status: alert.status, title: alert.title, count: alert.count, lastFiredAt: alert.lastFiredAt.toISOString() };
        await trx.insertInto('ticketEvents').values({ ticketId: linked.id, orgId: linked.orgId, kind: 'alert_update', at: now, recordedAt: now, actorId: null, actorName: systemActor.name, details: JSON.stringify(details) }).execute();
        await trx.updateTable('tickets').set({ updatedAt: now }).where('id', '=', linked.id).execute();
        await audit.record(trx, subjectOf(systemActor), { eventType: 'ticket.alert_update', action: 'update', objectType: 'ticket', objectId: linked.id, orgId: linked.orgId, detail: { number: linked.number, alertId: alert.id, severity: alert.severity } });
        return linked.number;
      }
      const opened = await openTicket(trx, platform, { subject: subjectOf(systemActor), actorId: null, actorName: systemActor.name }, {
        orgId: alert.orgId,
        type: 'incident',
        channel: 'alert',
        title: `[${alert.severity}] ${alert.title}`.slice(0, 200),
        description: alert.summary.slice(0, 10_000),
        requesterName: `${SOURCE_NAME[alert.source] ?? alert.source}告警`,
        assetIds: alert.assetId ? [alert.assetId] : [],
        severityRank: SEVERITY_RANK[alert.severity] ?? 3,
        alertId: alert.id,
      });
      return opened.number;
    },
  };
}
