import * as OTPAuth from 'otpauth';
import { createApp, type App } from '../app.ts';
import type { Actor } from '../platform/actor.ts';
import { fixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createSoftwareCryptoProvider, hashPassword } from '../platform/crypto/index.ts';
import { createLogger } from '../platform/log.ts';
import { actorForUser } from '../domains/access/index.ts';
import { createSession } from '../domains/access/sessions.ts';
import { createTestDb } from './test-db.ts';

export const TEST_PASSWORD = 'Test-Passw0rd!x';

export type TestApp = App & { clock: ReturnType<typeof fixedClock> };

/** The whole app on a fresh database, with a clock the test moves and fast password hashing. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const crypto = createSoftwareCryptoProvider();
  const clock = fixedClock('2026-11-22T02:00:00.000Z');
  const config = loadConfig({ NODE_ENV: 'test', YIWEI_PASSWORD_ITERATIONS: '1000', YIWEI_DEMO_DATA: 'false', YIWEI_LOG_LEVEL: 'silent', YIWEI_LOGIN_RATE_PER_MINUTE: '10000', ...env });
  const app = await createApp(config, {
    clock,
    crypto,
    log: createLogger('silent'),
    keys: { masterKey: crypto.randomBytes(16), auditKey: crypto.randomBytes(32) },
    dbHandle: await createTestDb(),
  });
  return Object.assign(app, { clock });
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Inserts an organisation directly (no audit): test scaffolding, not behaviour under test. */
export async function makeOrg(app: App, opts: { parentId?: string | null; kind?: 'region' | 'institution' | 'department'; name?: string } = {}) {
  const db = app.platform.db;
  const parent = opts.parentId ? await db.selectFrom('organisations').select(['ancestorIds']).where('id', '=', opts.parentId).executeTakeFirstOrThrow() : null;
  const id = globalThis.crypto.randomUUID();
  const code = unique('ORG');
  await db
    .insertInto('organisations')
    .values({ id, parentId: opts.parentId ?? null, ancestorIds: [...(parent?.ancestorIds ?? []), id], kind: opts.kind ?? (opts.parentId ? 'institution' : 'region'), code, name: opts.name ?? code, level: null, contactName: null, contactPhoneSealed: null, address: null })
    .execute();
  return { id, code };
}

/** A user with the given roles granted on `orgId` (role keys of the built-in or custom roles). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * A user with the given roles granted on `orgId`. Admins get an enrolled authenticator (secret
 * TEST_TOTP_SECRET) unless `totp: false`, because an admin without one cannot finish logging in.
 */
export async function makeUser(app: App, orgId: string, roleKeys: string[], opts: { username?: string; password?: string; mustChangePassword?: boolean; totp?: boolean } = {}) {
  const db = app.platform.db;
  const roles = roleKeys.length ? await db.selectFrom('roles').select(['id', 'key', 'adminClass']).where('key', 'in', roleKeys).execute() : [];
  const adminClass = roles.find((r) => r.adminClass)?.adminClass ?? null;
  const user = await db
    .insertInto('users')
    .values({
      orgId,
      username: opts.username ?? unique('u'),
      displayName: 'Test user',
      email: null,
      phoneSealed: null,
      adminClass,
      passwordHash: await hashPassword(app.platform.crypto, opts.password ?? TEST_PASSWORD, 1000),
      mustChangePassword: opts.mustChangePassword ?? false,
      ...((opts.totp ?? adminClass !== null)
        ? { totpSecretSealed: app.platform.secrets.seal(TEST_TOTP_SECRET, 'users.totp_secret'), totpEnabledAt: app.platform.clock.now() }
        : { totpSecretSealed: null }),
      passwordChangedAt: app.platform.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const r of roles) await db.insertInto('roleGrants').values({ userId: user.id, roleId: r.id, orgId, grantedBy: null }).execute();
  return user;
}

/** The Actor of a user, for service-level tests. */
export function actorOf(app: App, user: { id: string; username: string; displayName: string; adminClass: string | null }): Promise<Actor> {
  return actorForUser(app.platform.db, user, { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'test', sessionRef: null });
}

/** A browser-like client: keeps the session cookie and sends the CSRF header on writes. */
export function client(app: App, init: { cookie?: string; csrf?: string; locale?: string } = {}) {
  let cookie = init.cookie ?? '';
  let csrf = init.csrf ?? '';
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await app.http.request(`http://localhost/api${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'accept-language': init.locale ?? 'en',
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    const m = set?.match(/yiwei_session=([^;]*)/);
    if (m) cookie = m[1] ? `yiwei_session=${m[1]}` : '';
    const newCsrf = res.headers.get('x-csrf-token');
    if (newCsrf) csrf = newCsrf;
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (json?.csrfToken) csrf = json.csrfToken;
    return { status: res.status, body: json, text, headers: res.headers };
  }
  return {
    get: (p: string, h?: Record<string, string>) => request('GET', p, undefined, h),
    post: (p: string, b?: unknown, h?: Record<string, string>) => request('POST', p, b ?? {}, h),
    put: (p: string, b: unknown) => request('PUT', p, b),
    patch: (p: string, b: unknown) => request('PATCH', p, b),
    delete: (p: string) => request('DELETE', p),
    request,
    get cookie() {
      return cookie;
    },
    get csrf() {
      return csrf;
    },
    setCsrf(v: string) {
      csrf = v;
    },
  };
}
export type Client = ReturnType<typeof client>;

/** A client whose session already finished the login flow (session row written directly). */
export async function signedIn(app: App, user: { id: string }) {
  const s = await createSession(app.platform.db, app.platform.crypto, { userId: user.id, mfaVerified: true, idleTimeoutSeconds: 1800, absoluteHours: 12, ip: null, userAgent: null, now: app.platform.clock.now() });
  return client(app, { cookie: `yiwei_session=${s.rawId}`, csrf: s.csrfToken });
}

/** The current TOTP code of a base32 secret at the app's clock. */
export function totpCode(app: App, secret: string, offsetMs = 0) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: app.platform.clock.now().getTime() + offsetMs });
}
