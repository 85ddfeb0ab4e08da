import type { Context } from 'hono';
import { z } from 'zod';
import type { Permission } from '../../shared/permissions.ts';
import type { Actor } from './actor.ts';
import type { Locale } from './i18n.ts';

/** What a request knows about its caller once the auth middleware ran. */
export interface SessionInfo {
  id: string;
  userId: string;
  csrfToken: string;
  mfaVerified: boolean;
  mustChangePassword: boolean;
  needsTotpEnrolment: boolean;
  expiresAt: Date;
  idleTimeoutSeconds: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    ip: string | null;
    /** set for a fully authenticated session or an API token */
    actor: Actor | null;
    /** set for any live session, including one still in the login flow */
    session: SessionInfo | null;
    /** the matched API route pattern, for metrics and audit */
    route?: string;
  };
}

/**
 * How a route treats other organisations' objects; the tenancy harness reads this for every route.
 * - object: the route addresses one object of `resource` by its `:id` path parameter (or the
 *   parameter named by `param`); an object of an organisation outside the caller's grants must be 404.
 * - list: the route lists objects; another organisation's objects must not appear in the answer.
 * - none: the route touches no tenant-owned object; `reason` says why.
 */
export type Tenancy = { object: string; param?: string } | { list: string } | { none: string };

/**
 * - session: a browser session that finished the login flow, or an API token
 * - login-flow: any live browser session, even one that still has to change its password or pass TOTP
 * - public: nobody needs to be logged in
 */
export type AuthMode = 'session' | 'login-flow' | 'public';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  c: Context<AppEnv>;
}

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: AuthMode;
  /** the permission the route needs; documented, and checked before the handler as a first gate */
  permission?: Permission;
  /** browser sessions only: API tokens are refused (e.g. changing one's own password) */
  sessionOnly?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: 200 | 201 | 204;
  /** a valid body, shown in the docs and sent by the tenancy harness */
  example?: unknown;
  tenancy: Tenancy;
  /** 'csv' etc.: the handler returns a Response itself */
  produces?: string;
  handler: (input: RouteInput<any, any, any>) => Promise<unknown>;
}

type Options<P, Q, B> = Omit<RouteSpec, 'method' | 'path' | 'tag' | 'handler' | 'auth' | 'params' | 'query' | 'body'> & {
  auth?: AuthMode;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
};

/** Collects one domain's routes with their contracts; http.ts mounts them and /api/docs describes them. */
export function defineRoutes(tag: string) {
  const specs: RouteSpec[] = [];
  const add =
    (method: RouteSpec['method']) =>
    <P = unknown, Q = unknown, B = unknown>(
      path: string,
      opts: Options<P, Q, B>,
      handler: (input: RouteInput<P, Q, B>) => Promise<unknown>,
    ) => {
      specs.push({ ...opts, auth: opts.auth ?? 'session', method, path, tag, handler } as RouteSpec);
      return router;
    };
  const router = { tag, specs, get: add('get'), post: add('post'), put: add('put'), patch: add('patch'), delete: add('delete') };
  return router;
}
export type RouteGroup = ReturnType<typeof defineRoutes>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** OpenAPI 3 document generated from the same zod schemas the server validates with. */
export function buildOpenApi(groups: RouteGroup[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of groups.flatMap((g) => g.specs)) {
    const path = `/api${spec.path}`.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(spec.status ?? 200)]: spec.produces
        ? { description: spec.produces, content: { [spec.produces]: {} } }
        : { description: 'OK', ...(spec.response ? { content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } } : {}) },
      '4XX': { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    (paths[path] ??= {})[spec.method] = {
      tags: [spec.tag],
      summary: spec.summary,
      description: [
        spec.permission ? `Permission: \`${spec.permission}\`.` : '',
        spec.auth === 'public' ? 'No login needed.' : spec.sessionOnly ? 'Browser session only.' : 'Session cookie (+ X-CSRF-Token for writes) or `Authorization: Bearer <API token>`.',
      ]
        .filter(Boolean)
        .join(' '),
      parameters,
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input'), ...(spec.example ? { example: spec.example } : {}) } } } }
        : {}),
      responses,
      ...(spec.auth === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'yiwei 医维 API', version: info.version, description: 'Operations platform for healthcare IT. Errors: `{ error: { code, message, details } }`.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'yiwei_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
        },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}
