export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'locked'
  | 'quota_exceeded';

/** A domain error: a stable code for clients, a message key for i18n, never an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (entity: string, id?: string) =>
  new AppError('not_found', `${entity}.not_found`, id ? `${entity} ${id} not found` : `${entity} not found`);
export const invalid = (code: string, message: string, details?: unknown) => new AppError('invalid', code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError('conflict', code, message, details);
export const forbidden = (code = 'forbidden', message = 'You do not have permission to do this') =>
  new AppError('forbidden', code, message);
export const unauthenticated = (code = 'auth.required', message = 'Login required') =>
  new AppError('unauthenticated', code, message);

export const STATUS_OF: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 423 | 429> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  quota_exceeded: 409,
};
