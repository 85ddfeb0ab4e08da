import type { Config } from './platform/config.ts';
import { createAudit } from './platform/audit.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createSecretBox, createSoftwareCryptoProvider, type CryptoProvider } from './platform/crypto/index.ts';
import { createDb, type DbHandle } from './platform/db.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { registerMessages } from './platform/i18n.ts';
import { createMetrics } from './platform/metrics.ts';
import { LEDGER_FILE_ERROR_MESSAGES } from './domains/assets/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadKeys } from './keys.ts';
import { createHttpApp } from './http.ts';
import {
  authRoutes,
  createAuthService,
  createMeService,
  createPolicyService,
  createRoleService,
  createTokenService,
  createUserService,
  policyRoutes,
  roleRoutes,
  tokenRoutes,
  userRoutes,
} from './domains/access/index.ts';
import {
  assetCatalogRoutes,
  assetImportRoutes,
  assetRoutes,
  createAssetImportService,
  exportAssets,
  createAssetKindService,
  createAssetOverviewService,
  createAssetService,
  createContractService,
  createLocationService,
  createRelationService,
  createVendorService,
  ensureBuiltinAssetKinds,
} from './domains/assets/index.ts';
import { auditRoutes, createAuditEventService } from './domains/audit/index.ts';
import { createSavedFilterService, savedFilterRoutes } from './domains/saved-filters/index.ts';
import { calendarRoutes, createCalendarService } from './domains/calendars/index.ts';
import { createOrganisationService, organisationRoutes } from './domains/organisations/index.ts';
import { createHeartbeatService, createInsightService, createProbeLive, createProbeService, createProbeStateFeed, insightRoutes, probeRoutes, registerBuiltinProbeKinds } from './domains/monitoring/index.ts';
import { agentRoutes, createAgentService } from './domains/monitoring/agents/index.ts';
import { upstreamProbeIds } from './domains/monitoring/upstream.ts';
import { createNotificationChannelService, createNotificationService, notificationChannelRoutes, notificationRoutes } from './domains/alerts/notifications/index.ts';
import { ALERT_CONFIG_MESSAGES, alertConfigRoutes, createAlertConfigServices } from './domains/alerts/config/index.ts';
import { alertRoutes, createAlertStore } from './domains/alerts/store/index.ts';
import { createMaintenanceWindowService, MAINTENANCE_WINDOW_MESSAGES, maintenanceWindowRoutes } from './domains/monitoring/maintenance/index.ts';
import { createAlertTicketBridge, createServiceDesk, SERVICEDESK_MESSAGES, serviceDeskRoutes } from './domains/servicedesk/index.ts';
import { ensureBuiltinRoles, ensurePlatformCalendars } from './bootstrap.ts';

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  crypto?: CryptoProvider;
  /** keys for tests; otherwise from configuration or dataDir */
  keys?: { masterKey: Buffer; auditKey: Buffer };
  webDist?: string;
  /** an already open database (tests share one migrated PGlite) */
  dbHandle?: DbHandle;
}

/** Opens the database, migrates, and wires every domain: the one place that knows them all. */
export async function createApp(config: Config, opts: AppOptions = {}) {
  const log = opts.log ?? createLogger(config.logLevel);
  const crypto = opts.crypto ?? createSoftwareCryptoProvider();
  const clock = opts.clock ?? systemClock;
  const keys = opts.keys ?? loadKeys(config, crypto);
  const handle = opts.dbHandle ?? (await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, onIdleError: (err) => log.warn({ err }, 'idle database connection lost') }));
  await migrateToLatest(handle.db);
  const platform: PlatformDeps = {
    db: handle.db,
    audit: createAudit({ crypto, key: keys.auditKey, clock }),
    crypto,
    secrets: createSecretBox(crypto, keys.masterKey),
    clock,
    log,
    config,
  };
  await ensureBuiltinRoles(platform);
  await ensurePlatformCalendars(platform);
  await ensureBuiltinAssetKinds(platform);

  registerMessages(LEDGER_FILE_ERROR_MESSAGES);
  registerMessages(MAINTENANCE_WINDOW_MESSAGES);
  registerMessages(ALERT_CONFIG_MESSAGES);
  registerMessages(SERVICEDESK_MESSAGES);
  registerBuiltinProbeKinds();
  const probeStateFeed = createProbeStateFeed(platform.db);
  const users = createUserService(platform);
  const services = {
    auth: createAuthService(platform),
    me: createMeService(platform),
    users,
    roles: createRoleService(platform, users),
    policy: createPolicyService(platform),
    tokens: createTokenService(platform),
    organisations: createOrganisationService(platform),
    auditEvents: createAuditEventService(platform),
    savedFilters: createSavedFilterService(platform),
    calendars: createCalendarService(platform),
    assetKinds: createAssetKindService(platform),
    locations: createLocationService(platform),
    vendors: createVendorService(platform),
    contracts: createContractService(platform),
    assets: createAssetService(platform),
    assetRelations: createRelationService(platform),
    assetOverview: createAssetOverviewService(platform),
    assetImports: createAssetImportService(platform),
    probes: createProbeService(platform, probeStateFeed),
    heartbeats: createHeartbeatService(platform),
    maintenanceWindows: createMaintenanceWindowService(platform),
    probeInsights: createInsightService(platform),
    agents: createAgentService(platform, { feed: probeStateFeed, upstreamOf: upstreamProbeIds }),
    notificationChannels: createNotificationChannelService(platform),
    notifications: createNotificationService(platform),
    alertConfig: createAlertConfigServices(platform),
    // alerts of 二级 or worse on core assets open (or update) an incident
    alertStore: createAlertStore(platform, keys.masterKey, { ticketBridge: createAlertTicketBridge(platform) }),
    serviceDesk: createServiceDesk(platform),
  };
  const groups = [
    authRoutes(services.auth, services.me, config),
    organisationRoutes(services.organisations),
    userRoutes(services.users, services.roles),
    roleRoutes(services.roles),
    policyRoutes(services.policy),
    tokenRoutes(services.tokens),
    auditRoutes(services.auditEvents),
    savedFilterRoutes(services.savedFilters),
    calendarRoutes(services.calendars),
    assetRoutes(services.assets, services.assetRelations, services.assetOverview, (actor, query) => exportAssets(platform, actor, query)),
    assetImportRoutes(services.assetImports, services.assetKinds),
    assetCatalogRoutes(services.assetKinds, services.locations, services.vendors, services.contracts),
    // before probeRoutes: fixed paths (/probes/stats, /probes/live) must win over /probes/:id
    insightRoutes(platform.db, services.probeInsights, services.probes, createProbeLive(probeStateFeed, log)),
    probeRoutes(services.probes, services.heartbeats),
    maintenanceWindowRoutes(services.maintenanceWindows),
    agentRoutes(services.agents),
    notificationChannelRoutes(services.notificationChannels),
    notificationRoutes(services.notifications),
    ...alertConfigRoutes(services.alertConfig),
    alertRoutes(services.alertStore.alerts, services.alertStore.inbound, services.alertStore.inbox),
    ...serviceDeskRoutes(services.serviceDesk),
  ];
  const metrics = createMetrics();
  const http = createHttpApp({ platform, groups, tokens: services.tokens, metrics, webDist: opts.webDist, health: async () => ({ databaseKind: handle.kind }) });
  return { platform, services, groups, http, metrics, handle, keys, probeStateFeed, close: () => handle.close() };
}

export type App = Awaited<ReturnType<typeof createApp>>;
