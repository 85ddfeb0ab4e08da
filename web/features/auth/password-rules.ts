import type { z } from 'zod';
import type { PasswordPolicy } from '../../../shared/schemas/access.ts';

export type PasswordRuleId = 'length' | 'classes' | 'username';
export type PasswordRuleCheck = { id: PasswordRuleId; isMet: boolean; params: Record<string, number> };

/** Counts the four character classes the policy talks about: upper, lower, digit, other. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Mirrors the server's password rules so the user sees them turn green while typing; the server still decides. */
export function checkPassword(
  policy: z.infer<typeof PasswordPolicy>,
  password: string,
  username: string,
  isAdmin: boolean,
): PasswordRuleCheck[] {
  const minLength = isAdmin ? policy.adminMinLength : policy.minLength;
  const lowered = password.toLowerCase();
  return [
    { id: 'length', isMet: password.length >= minLength, params: { min: minLength } },
    { id: 'classes', isMet: characterClasses(password) >= policy.minClasses, params: { min: policy.minClasses } },
    { id: 'username', isMet: password.length > 0 && (!username || !lowered.includes(username.toLowerCase())), params: {} },
  ];
}
