import type { SecurityPolicy } from '../../../shared/schemas/access.ts';
import { AppError } from '../../platform/errors.ts';

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: { minLength: 8, adminMinLength: 10, minClasses: 3, historyCount: 5, maxAgeDays: 90, forbidUsername: true },
  lockout: { maxFailures: 5, lockMinutes: 30 },
  session: { adminIdleMinutes: 15, userIdleMinutes: 30, absoluteHours: 12, totpRequiredForAll: false },
};

// The passwords people pick first and testers try first; checked case-insensitively.
const WEAK = new Set(
  ['password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin123', 'admin@123', 'admin#123', 'qwer1234', 'qwe123!@#', '1qaz2wsx', '1qaz@wsx', 'abc@1234', 'abcd@1234', 'test@123', 'root@123', 'welcome1', 'huawei@123', 'Aa123456', 'aa123456!', 'a1234567', 'Abc12345', 'abc123456', 'zaq1@wsx', 'yiwei@123']
    .map((p) => p.toLowerCase()),
);

/** How many of upper case, lower case, digits and symbols a password uses. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Throws a `password.*` error when the new password breaks the policy. History is checked by the caller. */
export function checkPasswordStrength(policy: SecurityPolicy['password'], password: string, username: string, isAdmin: boolean): void {
  const minLength = isAdmin ? Math.max(policy.adminMinLength, policy.minLength) : policy.minLength;
  if (password.length < minLength) {
    throw new AppError('invalid', 'password.too_short', `At least ${minLength} characters`, { minLength });
  }
  if (characterClasses(password) < policy.minClasses) {
    throw new AppError('invalid', 'password.too_simple', `Use ${policy.minClasses} of 4 character classes`, { minClasses: policy.minClasses });
  }
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('invalid', 'password.contains_username', 'The password must not contain the user name');
  }
  if (WEAK.has(password.toLowerCase())) throw new AppError('invalid', 'password.weak', 'The password is too common');
}

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%^&*-_=+?'];

/** A random password that satisfies any allowed policy: 14 characters from all four classes, no look-alikes. */
export function generatePassword(randomBytes: (n: number) => Buffer, length = 14): string {
  const all = ALPHABETS.join('');
  const bytes = randomBytes(length * 2);
  const chars = ALPHABETS.map((a, i) => a[bytes[i]! % a.length]!);
  for (let i = chars.length; i < length; i++) chars.push(all[bytes[i]! % all.length]!);
  // Fisher–Yates with the second half of the random bytes, so the class order is not fixed.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = bytes[length + i]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
