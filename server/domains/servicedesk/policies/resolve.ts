/**
 * Which SLA policy a new ticket gets, and why, in this order:
 * 1. contract: the first affected asset (in the order given) whose maintenance contract is in force on the open date
 *    and has a policy attached;
 * 2. organisation_default: the default policy of the ticket's organisation, or of its nearest ancestor that has one;
 * 3. platform_default: the platform default template (PLATFORM_DEFAULT_TEMPLATE).
 * And the calendar the ticket's clocks run on: the policy's calendar as it is at open, frozen into a snapshot.
 */
import { sql } from 'kysely';
import type { SlaCalendarSnapshot, SlaPolicy } from '../../../../shared/schemas/sla.ts';
import type { Db } from '../../../platform/db.ts';
import { loadBusinessCalendar, type BusinessCalendar } from '../../calendars/index.ts';
import { alwaysOnCalendar, policyFromTemplate, snapshotCalendar, SLA_TEMPLATES } from '../sla/index.ts';
import type { PolicyWhy } from '../servicedesk.tables.ts';

/** The template a ticket gets when neither a contract nor an organisation names a policy: 7×24, four fault levels (seed 003). */
export const PLATFORM_DEFAULT_TEMPLATE = 'seed003_emergency';

export interface ResolvedPolicy {
  policy: SlaPolicy;
  policyId: string | null;
  version: number | null;
  why: PolicyWhy;
}

/** Resolves the policy of a ticket of `orgId` about `assetIds` opened on local date `today` (YYYY-MM-DD). */
export async function resolvePolicy(db: Db, orgId: string, assetIds: readonly string[], today: string): Promise<ResolvedPolicy> {
  if (assetIds.length) {
    const rows = await db
      .selectFrom('assets as a')
      .innerJoin('maintenanceContracts as c', 'c.id', 'a.contractId')
      .innerJoin('slaContractPolicies as cp', 'cp.contractId', 'c.id')
      .innerJoin('slaPolicies as p', 'p.id', 'cp.policyId')
      .select(['a.id as assetId', 'a.code as assetCode', 'c.id as contractId', 'c.code as contractCode', 'c.name as contractName', 'p.id as policyId', 'p.version', 'p.definition', 'p.templateKey'])
      .where('a.id', 'in', [...assetIds])
      .where('p.deletedAt', 'is', null)
      .where('c.startsOn', '<=', today)
      .where('c.endsOn', '>=', today)
      .execute();
    for (const assetId of assetIds) {
      const r = rows.find((x) => x.assetId === assetId);
      if (!r) continue;
      const name = r.definition.name;
      return {
        policy: r.definition,
        policyId: r.policyId,
        version: r.version,
        why: {
          source: 'contract',
          policyName: name,
          templateKey: r.templateKey,
          contractId: r.contractId,
          contractCode: r.contractCode,
          contractName: r.contractName,
          assetId: r.assetId,
          defaultOfOrgId: null,
          defaultOfOrgName: null,
          'zh-CN': `维保合同 ${r.contractCode}《${r.contractName}》（资产 ${r.assetCode}）约定的 SLA 策略「${name}」`,
          en: `via contract ${r.contractCode} “${r.contractName}” covering asset ${r.assetCode}: policy “${name}”`,
        },
      };
    }
  }

  // The nearest default: the deepest organisation on the line from the root down to the ticket's organisation.
  const def = await db
    .selectFrom('slaPolicies as p')
    .innerJoin('organisations as po', 'po.id', 'p.orgId')
    .select(['p.id', 'p.version', 'p.definition', 'p.templateKey', 'po.id as ownerId', 'po.name as ownerName'])
    .where('p.isDefault', '=', true)
    .where('p.deletedAt', 'is', null)
    .where(sql<boolean>`p.org_id = any((select a.ancestor_ids from organisations a where a.id = ${orgId})::uuid[])`)
    .orderBy(sql`array_length(po.ancestor_ids, 1)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  if (def) {
    const name = def.definition.name;
    const inherited = def.ownerId !== orgId;
    return {
      policy: def.definition,
      policyId: def.id,
      version: def.version,
      why: {
        source: 'organisation_default',
        policyName: name,
        templateKey: def.templateKey,
        contractId: null,
        contractCode: null,
        contractName: null,
        assetId: null,
        defaultOfOrgId: def.ownerId,
        defaultOfOrgName: def.ownerName,
        'zh-CN': `${inherited ? '上级机构 ' : ''}${def.ownerName} 的默认 SLA 策略「${name}」`,
        en: `organisation default of ${def.ownerName}${inherited ? ' (an ancestor)' : ''}: policy “${name}”`,
      },
    };
  }

  const policy = policyFromTemplate(PLATFORM_DEFAULT_TEMPLATE)!;
  return {
    policy,
    policyId: null,
    version: null,
    why: {
      source: 'platform_default',
      policyName: policy.name,
      templateKey: PLATFORM_DEFAULT_TEMPLATE,
      contractId: null,
      contractCode: null,
      contractName: null,
      assetId: null,
      defaultOfOrgId: null,
      defaultOfOrgName: null,
      'zh-CN': `平台默认模板「${policy.name}」（资产无在保合同策略，本机构及上级均未设默认策略）`,
      en: `platform default template “${policy.nameEn}” (no contract policy for the assets, no organisation default)`,
    },
  };
}

/** The platform's standard 5×8 calendar (national holidays and 调休), the meaning of a policy calendar 'business'. */
async function standardCalendarId(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('workCalendars')
    .select('id')
    .where('orgId', 'is', null)
    .where('followsNationalHolidays', '=', true)
    .where('isActive', '=', true)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The working calendar of a policy as it is now: 7×24, the platform standard calendar for 'business', or the named
 * calendar. A named calendar deleted since the policy was written falls back to the standard one, so opening a ticket
 * never fails on configuration; with no standard calendar at all the clocks run 7×24.
 */
export async function calendarOfPolicy(db: Db, policy: SlaPolicy): Promise<BusinessCalendar> {
  if (policy.calendar === '7x24') return alwaysOnCalendar();
  if (typeof policy.calendar === 'object') {
    const exists = await db.selectFrom('workCalendars').select('id').where('id', '=', policy.calendar.calendarId).executeTakeFirst();
    if (exists) return loadBusinessCalendar(db, exists.id);
  }
  const id = await standardCalendarId(db);
  return id ? loadBusinessCalendar(db, id) : alwaysOnCalendar();
}

/** The frozen calendar a ticket opened on `openDate` (local YYYY-MM-DD) keeps for its whole life. */
export async function calendarSnapshotFor(db: Db, policy: SlaPolicy, openDate: string): Promise<SlaCalendarSnapshot> {
  return snapshotCalendar(await calendarOfPolicy(db, policy), openDate);
}

/** The templates, for the API. */
export const templateList = () => ({ items: SLA_TEMPLATES.map((t) => ({ key: t.key, seed: t.seed, policy: t.policy })), platformDefault: PLATFORM_DEFAULT_TEMPLATE });
