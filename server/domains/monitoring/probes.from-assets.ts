import type { ProbeCreateInput, ProbeFromAssetsInput, ProbeFromAssetsResult } from '../../../shared/schemas/probes.ts';
import { ProbeFromAssetsInput as FromAssetsSchema } from '../../../shared/schemas/probes.ts';
import { inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import type { ProbeService } from './probes.service.ts';

const MAX_ASSETS = 10_000;
const DEFAULT_PORTS = { ping: undefined, tcp: 22, http: 80, tls: 443, fhir: 443 } as const;

/** The probe config for one asset address, or null when the kind needs more than an address. */
function configFor(kind: ProbeFromAssetsInput['kind'], host: string, port: number | undefined) {
  const p = port ?? DEFAULT_PORTS[kind];
  const hostPart = host.includes(':') ? `[${host}]` : host;
  switch (kind) {
    case 'ping':
      return { config: { host }, target: host };
    case 'tcp':
      return { config: { host, port: p }, target: `${host}:${p}` };
    case 'tls':
      return { config: { host, port: p }, target: `${host}:${p}` };
    case 'http':
      return { config: { url: `${p === 443 ? 'https' : 'http'}://${hostPart}${p === 80 || p === 443 ? '' : `:${p}`}/` }, target: `${hostPart}:${p}` };
    case 'fhir':
      return { config: { baseUrl: `https://${hostPart}${p === 443 ? '' : `:${p}`}/fhir` }, target: `${hostPart}:${p}` };
  }
}

/**
 * One probe per asset of a kind, addressed by its first management IP (or host name): "ping every server".
 * Assets out of service or already probed by this kind are skipped with a reason; a dry run only plans.
 */
export async function createProbesFromAssets(db: Db, probes: ProbeService, actor: Actor, raw: ProbeFromAssetsInput): Promise<ProbeFromAssetsResult> {
  requirePermission(actor, 'probe.manage');
  const input = FromAssetsSchema.parse(raw);
  const assets = await db
    .selectFrom('assets as a')
    .innerJoin('assetKinds as k', 'k.id', 'a.kindId')
    .select(['a.id', 'a.orgId', 'a.name', 'a.status', 'a.managementIps', 'a.hostNames'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('probes as p').select('p.id').whereRef('p.assetId', '=', 'a.id').where('p.kind', '=', input.kind).where('p.deletedAt', 'is', null))
        .as('hasProbe'),
    )
    .where('k.key', '=', input.assetKind)
    .where(inScope(scopeOf(actor, 'probe.manage'), 'a.org_id', actor, input.orgId))
    .orderBy('a.code')
    .limit(MAX_ASSETS)
    .execute();
  const skipped: ProbeFromAssetsResult['skipped'] = [];
  const planned: ProbeFromAssetsResult['planned'] = [];
  const toCreate: ProbeCreateInput[] = [];
  for (const a of assets) {
    const host = a.managementIps[0] ?? a.hostNames[0];
    if (a.status === 'retired' || a.status === 'scrapped') skipped.push({ assetId: a.id, assetName: a.name, reason: 'out_of_service' });
    else if (a.hasProbe) skipped.push({ assetId: a.id, assetName: a.name, reason: 'already_probed' });
    else if (!host) skipped.push({ assetId: a.id, assetName: a.name, reason: 'no_address' });
    else {
      const { config, target } = configFor(input.kind, host, input.port)!;
      const name = `${a.name} ${input.kind.toUpperCase()}`.slice(0, 120);
      planned.push({ assetId: a.id, assetName: a.name, name, target });
      toCreate.push({ orgId: a.orgId, assetId: a.id, name, kind: input.kind, intervalS: input.intervalS, config });
    }
  }
  if (input.isDryRun || toCreate.length === 0) return { created: 0, skipped, planned };
  const { created } = await probes.bulkCreate(actor, { probes: toCreate });
  return { created, skipped, planned };
}
