import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { z } from 'zod';
import { requirePermission, type Actor } from './platform/actor.ts';
import { buildOpenApi, type AppEnv, type RouteGroup, type RouteSpec } from './platform/api.ts';
import { subjectOf } from './platform/audit.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { AppError, STATUS_OF, unauthenticated } from './platform/errors.ts';
import { localeFrom, translate } from './platform/i18n.ts';
import type { Metrics } from './platform/metrics.ts';
import { createRateLimiter } from './platform/rate-limit.ts';
import { actorForUser, createGrantCache, createSessionResolver, getSecurityPolicy, nextStep, requestContext, SESSION_COOKIE, sessionRef, type TokenService } from './domains/access/index.ts';
import type { SecurityPolicy } from '../shared/schemas/access.ts';

export const VERSION = '0.1.0';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpDeps {
  platform: PlatformDeps;
  groups: RouteGroup[];
  tokens: TokenService;
  metrics: Metrics;
  /** the folder of the built web console; omitted in API-only tests */
  webDist?: string;
  health?: () => Promise<Record<string, unknown>>;
}

function validationError(error: z.ZodError, where: string) {
  return new AppError('invalid', 'validation', `Invalid ${where}`, error.issues.map((i) => ({ path: [where, ...i.path.map(String)], message: i.message, code: i.code })));
}

/** The Hono app: request id, auth, every domain's routes with their contracts, docs, metrics and the web console. */
export function createHttpApp({ platform, groups, tokens, metrics, webDist, health }: HttpDeps) {
  const { db, config, log, audit } = platform;
  const resolveSession = createSessionResolver(platform);
  const grantsOf = createGrantCache(5_000, () => platform.clock.now().getTime());
  const loginLimiter = createRateLimiter(config.loginRatePerMinute, 60_000, () => platform.clock.now().getTime());
  const app = new Hono<AppEnv>();
  // The policy is read on every authenticated request; a few seconds of staleness after an edit is fine.
  let cachedPolicy: { value: SecurityPolicy; at: number } | null = null;
  const policyCache = async () => {
    if (!cachedPolicy || Date.now() - cachedPolicy.at > 5_000) cachedPolicy = { value: await getSecurityPolicy(db), at: Date.now() };
    return cachedPolicy.value;
  };

  app.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID());
    c.set('locale', localeFrom(c.req.header('accept-language')));
    c.set('actor', null);
    c.set('session', null);
    let ip: string | null = null;
    if (config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address ?? null;
      } catch {
        ip = null; // app.request() in tests has no socket
      }
    }
    c.set('ip', ip);
    await next();
    c.header('X-Request-Id', c.var.requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    if (config.secureCookies) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    // The route pattern (/api/users/:id), never the raw path, keeps label cardinality bounded.
    const route = c.var.route ?? (c.req.path.startsWith('/api/') ? 'other' : c.req.path === '/metrics' ? '/metrics' : 'web');
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  });

  // Who is calling: a bearer API token, or the session cookie (which may still be in the login flow).
  app.use('/api/*', async (c, next) => {
    const ctx = requestContext(c);
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const actor = await tokens.authenticate(bearer, ctx);
      if (!actor) throw unauthenticated('auth.invalid_token', 'Invalid or revoked API token');
      c.set('actor', actor);
      return next();
    }
    const raw = getCookie(c, SESSION_COOKIE);
    if (raw && raw.length <= 100) {
      let row: Awaited<ReturnType<typeof resolveSession>> = null;
      try {
        row = await resolveSession(raw, ctx);
      } catch (e) {
        // An expired session only matters to routes that need one; public routes (login) go on.
        if (!(e instanceof AppError && e.code === 'auth.session_expired') || !c.req.path.startsWith('/api/auth/login')) throw e;
      }
      if (row) {
        const policy = await policyCache();
        const next = nextStep(policy, row, row.mfaVerified, platform.clock.now());
        c.set('session', {
          id: row.id,
          userId: row.userId,
          csrfToken: row.csrfToken,
          mfaVerified: row.mfaVerified,
          mustChangePassword: next === 'change_password',
          needsTotpEnrolment: next === 'enrol_totp',
          expiresAt: row.expiresAt,
          idleTimeoutSeconds: row.idleTimeoutSeconds,
        });
        if (next === 'done') c.set('actor', await actorForUser(db, { id: row.userId, username: row.username, displayName: row.displayName, adminClass: row.adminClass }, { ...ctx, sessionRef: sessionRef(row.id) }, grantsOf));
      }
    }
    return next();
  });

  app.post('/api/auth/login', async (c, next) => {
    if (!loginLimiter.hit(c.var.ip ?? 'unknown')) throw new AppError('rate_limited', 'auth.rate_limited', 'Too many login attempts');
    return next();
  });

  for (const spec of groups.flatMap((g) => g.specs)) mount(spec);

  function mount(spec: RouteSpec) {
    app.on(spec.method.toUpperCase(), `/api${spec.path}`, async (c) => {
      c.set('route', `/api${spec.path}`);
      const session = c.var.session;
      let actor = c.var.actor;
      if (spec.auth !== 'public') {
        if (spec.auth === 'login-flow' ? !session : !actor) {
          if (session && !actor) throw new AppError('forbidden', 'auth.login_incomplete', 'Finish the login flow first');
          throw unauthenticated();
        }
        if (spec.sessionOnly && actor?.kind === 'token') throw new AppError('forbidden', 'auth.session_only', 'API tokens cannot do this');
        // Cookies ride along on cross-site requests; the header proves the page itself sent this one.
        if (session && WRITE_METHODS.has(c.req.method) && actor?.kind !== 'token') {
          const sent = c.req.header('x-csrf-token') ?? '';
          if (!platform.crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(session.csrfToken))) throw new AppError('forbidden', 'auth.csrf', 'CSRF token missing or wrong');
        }
        if (spec.permission && actor) requirePermission(actor, spec.permission);
      }
      const params = parse(spec.params, c.req.param(), 'params');
      const query = parse(spec.query, c.req.query(), 'query');
      let body: unknown = undefined;
      if (spec.body) {
        const raw = await c.req.json().catch(() => {
          throw new AppError('invalid', 'validation', 'The body must be JSON', [{ path: ['body'], message: 'not JSON' }]);
        });
        body = parse(spec.body, raw, 'body');
      }
      actor ??= anonymousActor(c);
      const result = await spec.handler({ params, query, body, actor, c });
      if (result instanceof Response) return result;
      if (spec.status === 204 || result === null) return c.body(null, 204);
      if (spec.response && config.env !== 'production') {
        const checked = spec.response.safeParse(result);
        if (!checked.success) throw new Error(`response of ${spec.method} ${spec.path} breaks its schema: ${checked.error.message}`);
      }
      return c.json(result as object, spec.status ?? 200);
    });
  }

  function parse(schema: z.ZodType | undefined, value: unknown, where: string) {
    if (!schema) return value;
    const r = schema.safeParse(value);
    if (!r.success) throw validationError(r.error, where);
    return r.data;
  }

  function anonymousActor(c: Context<AppEnv>): Actor {
    return { kind: 'user', userId: null, name: 'anonymous', adminClass: null, roleKeys: [], grants: [], sessionRef: null, tokenId: null, ...requestContext(c) };
  }

  app.get('/api/health', async (c) => {
    const started = performance.now();
    await sql`select 1`.execute(db);
    return c.json({ status: 'ok', version: VERSION, database: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }, ...(await health?.()) });
  });

  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  const openApi = buildOpenApi(groups, { version: VERSION });
  app.get('/api/openapi.json', (c) => c.json(openApi));
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>yiwei 医维 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`),
  );
  app.get('/api/docs/init.js', (c) => {
    c.header('Content-Type', 'text/javascript');
    return c.body(`window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger' });`);
  });
  app.get('/api/docs/assets/:file{swagger-ui\\.css|swagger-ui-bundle\\.js}', async (c) => {
    const file = c.req.param('file');
    c.header('Content-Type', file.endsWith('.css') ? 'text/css' : 'text/javascript');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(await readFile(path.join(swaggerDir, file)));
  });

  app.all('/api/*', () => {
    throw new AppError('not_found', 'route.not_found', 'No such API route');
  });

  if (webDist) {
    const root = path.relative(process.cwd(), webDist) || '.';
    app.use('/static/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
    app.use('*', serveStatic({ root }));
    // The console is a single-page app: unknown paths get index.html and the router takes over.
    app.get('*', async (c) => {
      const html = await readFile(path.join(webDist, 'index.html'), 'utf8').catch(() => null);
      return html ? c.html(html) : c.text('The web console is not built: run npm run build:web', 503);
    });
  }

  app.onError(async (err, c) => {
    const locale = c.var.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      if (err.kind === 'forbidden' && err.code === 'permission.denied' && c.var.actor) {
        // 越权 attempts are security events for the audit trail, written in their own transaction.
        await db
          .transaction()
          .execute((trx) => audit.record(trx, subjectOf(c.var.actor!), { eventType: 'access.denied', action: c.req.method.toLowerCase(), objectType: 'route', objectId: c.var.route ?? c.req.path, result: 'failure', reason: err.message, riskLevel: 'medium' }))
          .catch((e) => log.error({ err: e }, 'audit of denial failed'));
      }
      return c.json({ error: { code: err.code, message: translate(err.code, locale, err.message), details: err.details } }, STATUS_OF[err.kind]);
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505' || pgCode === '23503') {
      return c.json({ error: { code: 'conflict', message: translate('conflict', locale, 'Conflict'), details: { constraint: (err as { constraint?: string }).constraint } } }, 409);
    }
    log.error({ err, requestId: c.var.requestId, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: translate('internal', locale, 'Internal error'), requestId: c.var.requestId } }, 500);
  });

  return app;
}
