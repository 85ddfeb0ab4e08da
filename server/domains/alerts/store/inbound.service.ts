import { sql } from 'kysely';
import type { InboundAlert } from '../../../../shared/schemas/alerts-inbound.ts';
import type { InboundResult } from '../../../../shared/schemas/alerts.ts';
import { assertInScope, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { normaliseAlertmanager, normaliseGenericWebhook, normaliseZabbix } from '../inbound/index.ts';
import type { AlertIngest } from './ingest.ts';
import type { AlertSignal } from './writer.ts';

// Inbound alerts: Alertmanager, Zabbix and any JSON webhook post to /api/alerts/inbound/<integration id> with an API
// token that holds 'alert.ingest' on the integration's organisation. A payload is normalised, mapped to organisations
// and assets of that organisation's subtree (orgHint = organisation code, assetHint = asset code, name, host name or
// management IP) and applied all at once; a bad payload changes nothing and says which fields were wrong.

const MAX_ALERTS_PER_REQUEST = 1_000;

export function createInboundService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, deps: { ingest: AlertIngest }) {
  async function orgFor(trx: Db, rootOrgId: string, hint: string | null): Promise<string> {
    if (!hint) return rootOrgId;
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where((eb) => eb.or([eb('code', '=', hint), eb('name', '=', hint)]))
      .where(sql<boolean>`${rootOrgId}::uuid = any(ancestor_ids)`)
      .limit(1)
      .executeTakeFirst();
    return org?.id ?? rootOrgId;
  }

  async function assetFor(trx: Db, orgId: string, hint: string | null): Promise<string | null> {
    if (!hint) return null;
    const asset = await trx
      .selectFrom('assets as a')
      .innerJoin('organisations as o', 'o.id', 'a.orgId')
      .select('a.id')
      .where(sql<boolean>`${orgId}::uuid = any(o.ancestor_ids)`)
      .where((eb) => eb.or([eb('a.code', '=', hint), eb('a.name', '=', hint), sql<boolean>`${hint} = any(a.host_names)`, sql<boolean>`${hint} = any(a.management_ips)`]))
      .limit(1)
      .executeTakeFirst();
    return asset?.id ?? null;
  }

  return {
    async receive(actor: Actor, integrationId: string, body: unknown): Promise<InboundResult> {
      const integration = await db.selectFrom('alertIntegrations').selectAll().where('id', '=', integrationId).where('deletedAt', 'is', null).executeTakeFirst();
      if (!integration) throw notFound('alert_integration', integrationId);
      await assertInScope(db, actor, 'alert.ingest', integration.orgId, 'alert_integration', integrationId);
      if (!integration.isEnabled) throw new AppError('conflict', 'alert_integration.disabled', 'The integration is disabled');
      const now = clock.now();
      const config = integration.config;
      let alerts: InboundAlert[];
      if (config.kind === 'alertmanager') alerts = normaliseAlertmanager(body, config.options).alerts;
      else if (config.kind === 'zabbix') alerts = [normaliseZabbix(body, { receivedAt: now, severities: config.options.severities, orgTags: config.options.orgTags })];
      else alerts = normaliseGenericWebhook(body, config.options, { receivedAt: now });
      if (alerts.length > MAX_ALERTS_PER_REQUEST) throw new AppError('invalid', 'alert_inbound.too_many', `At most ${MAX_ALERTS_PER_REQUEST} alerts per request`, { count: alerts.length });

      return db.transaction().execute(async (trx) => {
        const signals: AlertSignal[] = [];
        for (const a of alerts) {
          const orgId = await orgFor(trx, integration.orgId, a.orgHint);
          signals.push({
            orgId,
            source: a.source,
            // the integration is part of the key, so two Prometheus servers with the same rule do not merge
            dedupKey: `${a.source}:${integration.id}:${a.dedupKey}`,
            status: a.status,
            severity: a.severity,
            title: a.title,
            summary: a.description,
            labels: a.labels,
            assetId: await assetFor(trx, orgId, a.assetHint),
            probeId: null,
            url: a.url,
            at: now,
            actorId: actor.userId,
          });
        }
        const changes = await deps.ingest.ingest(trx, signals, now);
        await trx.updateTable('alertIntegrations').set({ lastReceivedAt: now, receivedCount: sql`received_count + ${alerts.length}` }).where('id', '=', integration.id).execute();
        const alertIds = [...new Set(changes.flatMap((c) => (c.kind === 'unchanged' ? [] : [c.alert.id])))];
        await audit.record(trx, subjectOf(actor), { eventType: 'alert.inbound', action: 'create', objectType: 'alert_integration', objectId: integration.id, orgId: integration.orgId, detail: { kind: integration.kind, alerts: alerts.length, alertIds: alertIds.slice(0, 100) } });
        return { accepted: alerts.length, alertIds };
      });
    },
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
