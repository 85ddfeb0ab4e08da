import { sql } from 'kysely';
import type { AuditVerifyResult } from '../../shared/schemas/audit.ts';
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import type { CryptoProvider } from './crypto/index.ts';
import type { Db } from './db.ts';

export interface AuditEventInput {
  eventType: string;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  orgId?: string | null;
  result?: 'success' | 'failure';
  reason?: string | null;
  riskLevel?: 'low' | 'medium' | 'high';
  /** before/after values; keys that look like secrets are masked before storage */
  detail?: Record<string, unknown> | null;
}

/** Who did it, when there may be no logged-in actor (e.g. a failed login). */
export type AuditSubject = Pick<Actor, 'userId' | 'name' | 'roleKeys' | 'ip' | 'userAgent' | 'sessionRef' | 'requestId'>;

const GENESIS = '0'.repeat(64);
// One lock id for the chain: the next link needs the previous mac, so appends are serialised until commit.
const CHAIN_LOCK = 7_301_955_001;
const SECRET_KEY = /pass(word)?|secret|token|totp|hash|sealed|recovery|private|credential/i;

/** Replaces values under secret-looking keys with '***', recursively. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '***' : maskSecrets(v)]),
    );
  }
  return value;
}

/** JSON with sorted keys, so a value read back from jsonb (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface ChainedFields {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionRef: string | null;
  requestId: string | null;
  eventType: string;
  objectType: string | null;
  objectId: string | null;
  action: string;
  result: string;
  reason: string | null;
  riskLevel: string;
  detail: unknown;
}

function canonicalRecord(r: ChainedFields): string {
  return canonicalJson({ ...r, occurredAt: r.occurredAt.toISOString(), detail: r.detail ?? null });
}

export interface AuditDeps {
  crypto: CryptoProvider;
  key: Uint8Array;
  clock: Clock;
}

/** The tamper-evident audit trail: append in the caller's transaction, verify the HMAC-SM3 chain, purge by retention. */
export function createAudit({ crypto, key, clock }: AuditDeps) {
  const macOf = (record: ChainedFields, prevMac: string) =>
    crypto.hmacSm3(key, `${canonicalRecord(record)}|${prevMac}`).toString('hex');

  async function head(db: Db): Promise<{ seq: number; mac: string }> {
    const last = await db.selectFrom('auditEvents').select(['seq', 'mac']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (last) return last;
    const cp = await db.selectFrom('auditCheckpoints').select(['firstSeq', 'prevMac']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return cp ? { seq: cp.firstSeq - 1, mac: cp.prevMac } : { seq: 0, mac: GENESIS };
  }

  return {
    /** Appends one event inside `trx`; the event commits or rolls back with the change it describes. */
    async record(trx: Db, subject: AuditSubject, event: AuditEventInput): Promise<void> {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      const prev = await head(trx);
      const record: ChainedFields = {
        seq: prev.seq + 1,
        occurredAt: clock.now(),
        actorId: subject.userId,
        actorName: subject.name,
        actorRoles: [...subject.roleKeys],
        orgId: event.orgId ?? null,
        ip: subject.ip,
        userAgent: subject.userAgent ? subject.userAgent.slice(0, 300) : null,
        sessionRef: subject.sessionRef,
        requestId: subject.requestId,
        eventType: event.eventType,
        objectType: event.objectType ?? null,
        objectId: event.objectId ?? null,
        action: event.action,
        result: event.result ?? 'success',
        reason: event.reason ?? null,
        riskLevel: event.riskLevel ?? 'low',
        detail: event.detail ? maskSecrets(event.detail) : null,
      };
      await trx
        .insertInto('auditEvents')
        .values({
          ...record,
          result: record.result as 'success' | 'failure',
          riskLevel: record.riskLevel as 'low' | 'medium' | 'high',
          detail: record.detail === null ? null : JSON.stringify(record.detail),
          prevMac: prev.mac,
          mac: macOf(record, prev.mac),
        })
        .execute();
    },

    /** Walks the chain in order and names the first broken link; rows are read in pages to bound memory. */
    async verify(db: Db): Promise<AuditVerifyResult> {
      const cp = await db.selectFrom('auditCheckpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      let expectedPrev = cp ? cp.prevMac : GENESIS;
      let expectedSeq = cp ? cp.firstSeq : 1;
      const result = (ok: boolean, checked: number, firstSeq: number | null, lastSeq: number | null, brokenAt: AuditVerifyResult['brokenAt']): AuditVerifyResult => ({
        ok,
        checked,
        firstSeq,
        lastSeq,
        brokenAt,
        checkedAt: clock.now().toISOString(),
      });
      if (cp && cp.mac !== crypto.hmacSm3(key, `checkpoint|${cp.firstSeq}|${cp.prevMac}|${cp.purgedCount}`).toString('hex')) {
        return result(false, 0, null, null, { seq: cp.firstSeq, reason: 'checkpoint_mismatch' });
      }
      let checked = 0;
      let firstSeq: number | null = null;
      let lastSeq: number | null = null;
      let after = expectedSeq - 1;
      for (;;) {
        const rows = await db.selectFrom('auditEvents').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          firstSeq ??= row.seq;
          if (row.seq !== expectedSeq) return result(false, checked, firstSeq, lastSeq, { seq: expectedSeq, reason: 'missing_rows' });
          if (row.prevMac !== expectedPrev) return result(false, checked, firstSeq, lastSeq, { seq: row.seq, reason: 'chain_mismatch' });
          const { id: _id, prevMac: _p, mac, ...fields } = row;
          if (macOf(fields as ChainedFields, row.prevMac) !== mac) {
            return result(false, checked, firstSeq, lastSeq, { seq: row.seq, reason: 'mac_mismatch' });
          }
          expectedPrev = mac;
          expectedSeq = row.seq + 1;
          lastSeq = row.seq;
          checked++;
        }
        after = rows[rows.length - 1]!.seq;
      }
      return result(true, checked, firstSeq, lastSeq, null);
    },

    /**
     * Removes events older than the retention period (never under 180 days) and records a signed
     * checkpoint so the chain still verifies from its new first link. Runs in the caller's transaction.
     */
    async purge(trx: Db, retentionDays: number): Promise<number> {
      const days = Math.max(180, retentionDays);
      const cutoff = new Date(clock.now().getTime() - days * 86_400_000);
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      const lastOld = await trx
        .selectFrom('auditEvents')
        .select(['seq', 'mac'])
        .where('occurredAt', '<', cutoff)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!lastOld) return 0;
      await sql`select set_config('yiwei.audit_retention', 'on', true)`.execute(trx);
      const deleted = await trx.deleteFrom('auditEvents').where('seq', '<=', lastOld.seq).executeTakeFirst();
      await sql`select set_config('yiwei.audit_retention', 'off', true)`.execute(trx);
      const purgedCount = Number(deleted.numDeletedRows);
      const firstSeq = lastOld.seq + 1;
      await trx
        .insertInto('auditCheckpoints')
        .values({
          firstSeq,
          prevMac: lastOld.mac,
          purgedCount,
          mac: crypto.hmacSm3(key, `checkpoint|${firstSeq}|${lastOld.mac}|${purgedCount}`).toString('hex'),
        })
        .execute();
      return purgedCount;
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;

/** The audit subject of an actor. */
export function subjectOf(actor: Actor): AuditSubject {
  return {
    userId: actor.userId,
    name: actor.name,
    roleKeys: actor.roleKeys,
    ip: actor.ip,
    userAgent: actor.userAgent,
    sessionRef: actor.sessionRef,
    requestId: actor.requestId,
  };
}
