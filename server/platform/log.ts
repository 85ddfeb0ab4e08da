import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs with secrets redacted; never log patient data, free text or credentials. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'yiwei' },
    redact: {
      paths: ['password', '*.password', '*.newPassword', '*.currentPassword', 'token', '*.token', 'secret', '*.secret', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '***',
    },
  });
}
