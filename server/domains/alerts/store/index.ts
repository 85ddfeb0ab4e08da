// Public surface of the alert store: the alert center's services and routes, the ingest path every source uses, and
// the notifier the engine drives.
import type { PlatformDeps } from '../../../platform/deps.ts';
import { selectRoutes } from '../config/index.ts';
import { createAckLinks } from './ack-link.ts';
import { createAlertService } from './alerts.service.ts';
import { createInboundService } from './inbound.service.ts';
import { createInboxService } from './inbox.service.ts';
import { createAlertIngest, type AlertTicketBridge } from './ingest.ts';
import { createNotifier } from './notifier.ts';

export { alertRoutes } from './alerts.routes.ts';
export { createAlertIngest, routeFactsOf, wantsTicket, type AlertIngest, type AlertTicketBridge } from './ingest.ts';
export { createNotifier, GROUP_WINDOW_MS, type Notifier } from './notifier.ts';
export type { AlertSignal, AlertChange, AlertRow } from './writer.ts';
export type { AlertService } from './alerts.service.ts';

/** The alert store's services, wired from the platform; the master key signs ack links. */
export function createAlertStore(platform: PlatformDeps, masterKey: Uint8Array, opts: { ticketBridge?: AlertTicketBridge | null } = {}) {
  const ackLinks = createAckLinks(platform.crypto, masterKey, platform.config.publicUrl);
  const notifier = createNotifier({
    clock: platform.clock,
    secrets: platform.secrets,
    publicUrl: platform.config.publicUrl,
    selectRoutes: async (db, orgId, facts, at) => (await selectRoutes(db, orgId, facts, at)).routes,
    ackLink: (alertId, userId) => ackLinks.url(alertId, userId, platform.clock.now()),
  });
  const ingest = createAlertIngest({ notifier, ticketBridge: opts.ticketBridge ?? null });
  return {
    ackLinks,
    notifier,
    ingest,
    alerts: createAlertService(platform, { ingest, notifier, ackLinks }),
    inbound: createInboundService(platform, { ingest }),
    inbox: createInboxService(platform),
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
