import type { Db } from '../../../platform/db.ts';
import type { RouteFacts } from '../config/matchers.ts';
import { loadFacts, type FactBook } from './facts.ts';
import type { Notifier } from './notifier.ts';
import { activeSilences, applySignals, type AlertChange, type AlertRow, type AlertSignal } from './writer.ts';

// Every source of alerts goes through here: probe state changes, inbound webhooks, alerts raised by hand or API.
// One call = one transaction of the caller: the alerts, their timelines and their outbox rows commit together.

/**
 * The one interface through which an alert opens or updates a ticket; the service desk implements it. Called for
 * alerts that become actionable; answers the ticket reference to show on the alert, or null to leave it.
 */
export interface AlertTicketBridge {
  openOrUpdate(trx: Db, alert: AlertRow, facts: RouteFacts): Promise<string | null>;
}

/** Default rule for opening tickets from alerts: 二级 or worse on a core (核心) asset. */
export function wantsTicket(alert: Pick<AlertRow, 'severity'>, facts: Pick<RouteFacts, 'isCore'>): boolean {
  return (alert.severity === 'P1' || alert.severity === 'P2') && facts.isCore;
}

export function routeFactsOf(alert: AlertRow, facts: FactBook): RouteFacts {
  const asset = alert.assetId ? facts.assets.get(alert.assetId) : undefined;
  return {
    orgPath: facts.orgs.get(alert.orgId)?.path ?? [alert.orgId],
    severity: alert.severity,
    source: alert.source,
    assetKind: asset?.kindKey ?? null,
    isCore: asset?.importance === 'core',
    labels: alert.labels,
  };
}

export function createAlertIngest(deps: { notifier: Notifier; ticketBridge?: AlertTicketBridge | null }) {
  const { notifier } = deps;

  async function becameActionable(trx: Db, alert: AlertRow, facts: FactBook, now: Date): Promise<AlertRow> {
    const routeFacts = routeFactsOf(alert, facts);
    let updated = await notifier.start(trx, alert, routeFacts, now);
    if (deps.ticketBridge && !updated.ticketRef && wantsTicket(updated, routeFacts)) {
      const ref = await deps.ticketBridge.openOrUpdate(trx, updated, routeFacts);
      if (ref) {
        updated = await trx.updateTable('alerts').set({ ticketRef: ref }).where('id', '=', alert.id).returningAll().executeTakeFirstOrThrow();
        await trx.insertInto('alertEvents').values({ alertId: alert.id, kind: 'ticket', at: now, actorId: null, details: JSON.stringify({ ticketRef: ref }) }).execute();
      }
    }
    return updated;
  }

  return {
    becameActionable,

    /** Applies signals (in order) and notifies what they made actionable or resolved. */
    async ingest(trx: Db, signals: readonly AlertSignal[], now: Date): Promise<AlertChange[]> {
      if (signals.length === 0) return [];
      const facts = await loadFacts(trx, {
        orgIds: signals.map((s) => s.orgId),
        assetIds: signals.flatMap((s) => (s.assetId ? [s.assetId] : [])),
        probeIds: signals.flatMap((s) => (s.probeId ? [s.probeId] : [])),
      });
      const orgPathIds = [...facts.orgs.values()].flatMap((o) => o.path);
      const silences = await activeSilences(trx, orgPathIds, now);
      const changes = await applySignals(trx, signals, facts, silences);
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i]!;
        if (change.kind === 'unchanged') continue;
        const alert = change.alert;
        if (change.kind === 'opened' && !alert.suppression) changes[i] = { ...change, alert: await becameActionable(trx, alert, facts, now) };
        else if (change.kind === 'refired' && change.wasSuppressed && !alert.suppression && alert.status === 'firing') changes[i] = { ...change, alert: await becameActionable(trx, alert, facts, now) };
        else if (change.kind === 'refired' && alert.suppression && alert.nextEscalationAt) {
          // muted while open (silence, maintenance, its parent went down): stop escalating; lifting it starts over
          await trx.updateTable('alerts').set({ nextEscalationAt: null }).where('id', '=', alert.id).execute();
        } else if (change.kind === 'resolved') await notifier.resolved(trx, alert, now);
      }
      return changes;
    },
  };
}

export type AlertIngest = ReturnType<typeof createAlertIngest>;
