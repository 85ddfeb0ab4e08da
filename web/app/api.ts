import type { z } from 'zod';
import { ErrorBody } from '../../shared/schemas/common.ts';
import { i18n } from './i18n.ts';

/** An error answered by the server (or a transport / contract failure, status 0 and 200 respectively). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** JSON, a multipart form (file uploads), or a raw file as the whole body. */
type RequestBody = { json: unknown } | { form: FormData } | { file: Blob };

// The CSRF token comes from the login result or GET /api/auth/me; the session cookie itself is HttpOnly.
let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;
let lastResponseAt = Date.now();
const responseListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens on any 401 (the app sends the user to /login). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

/** When the server last answered: the server's idle clock restarts with every request. */
export function getLastResponseAt(): number {
  return lastResponseAt;
}

export function subscribeResponses(listener: () => void): () => void {
  responseListeners.add(listener);
  return () => responseListeners.delete(listener);
}

/** Builds `/api/x?a=1` leaving out empty values, for fetches and for plain download links alike. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function encodeBody(body: RequestBody | undefined, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined) return undefined;
  if ('json' in body) {
    headers['Content-Type'] = 'application/json';
    return JSON.stringify(body.json);
  }
  // the browser sets multipart/form-data with its boundary itself
  if ('form' in body) return body.form;
  headers['Content-Type'] = body.file.type || 'application/octet-stream';
  return body.file;
}

async function request(method: Method, path: string, query?: Query, body?: RequestBody): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { method, headers, body: encodeBody(body, headers), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  lastResponseAt = Date.now();
  // A renewed session (e.g. after a password change) announces its new token in this header.
  const renewedToken = res.headers.get('X-CSRF-Token');
  if (renewedToken) csrfToken = renewedToken;
  responseListeners.forEach((l) => l());
  if (res.status === 401) unauthorizedHandler?.();
  if (res.status === 204) return null;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) {
      const { code, message, details, requestId } = parsed.data.error;
      throw new ApiError(res.status, code, message, details, requestId);
    }
    throw new ApiError(res.status, 'http', i18n.t('errors.http', { status: res.status }));
  }
  if (json === undefined) throw new ApiError(res.status, 'contract', i18n.t('errors.contract', { path }));
  return json;
}

export const api = {
  get: (path: string, query?: Query) => request('GET', path, query),
  post: (path: string, body?: unknown) => request('POST', path, undefined, { json: body ?? {} }),
  put: (path: string, body: unknown) => request('PUT', path, undefined, { json: body }),
  patch: (path: string, body: unknown) => request('PATCH', path, undefined, { json: body }),
  delete: (path: string) => request('DELETE', path),
  /** multipart/form-data (file uploads); carries the CSRF header like every other write */
  postForm: (path: string, form: FormData) => request('POST', path, undefined, { form }),
  /** a file as the raw request body, e.g. PUT …/document?fileName= */
  putFile: (path: string, file: Blob, query?: Query) => request('PUT', path, query, { file }),
};

/**
 * Parses a response with its shared contract. A drifted contract fails here, at the edge, with the path of the
 * first bad field, instead of as `undefined` deep inside a component.
 */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new ApiError(200, 'contract', i18n.t('errors.contract', { path: where }));
}

/** The message to show for anything thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return i18n.t('errors.unknown');
}
