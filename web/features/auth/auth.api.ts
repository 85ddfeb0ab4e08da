import { z } from 'zod';
import { api, parse, setCsrfToken } from '../../app/api.ts';
import {
  LoginNext,
  LoginResult,
  Me,
  PasswordPolicy,
  RecoveryCodes,
  TotpEnrolment,
  type LoginInput,
  type PasswordChangeInput,
} from '../../../shared/schemas/access.ts';

export const meKey = ['me'] as const;
export const passwordPolicyKey = ['password-policy'] as const;

const NextStep = z.object({ next: LoginNext });

/** The current session; also refreshes the CSRF token every state-changing request needs. */
export async function fetchMe(): Promise<Me> {
  const me = parse(Me, await api.get('/api/auth/me'));
  setCsrfToken(me.csrfToken);
  return me;
}

export async function login(input: LoginInput): Promise<LoginResult> {
  const result = parse(LoginResult, await api.post('/api/auth/login', input));
  setCsrfToken(result.csrfToken);
  return result;
}

export async function logout(): Promise<void> {
  await api.post('/api/auth/logout');
  setCsrfToken(null);
}

export async function changePassword(input: PasswordChangeInput): Promise<LoginNext> {
  return parse(NextStep, await api.post('/api/auth/password', input)).next;
}

export async function fetchPasswordPolicy(): Promise<z.infer<typeof PasswordPolicy>> {
  return parse(PasswordPolicy, await api.get('/api/auth/password-policy'));
}

export async function enrolTotp(): Promise<TotpEnrolment> {
  return parse(TotpEnrolment, await api.post('/api/auth/totp/enrol'));
}

export async function confirmTotp(code: string): Promise<string[]> {
  return parse(RecoveryCodes, await api.post('/api/auth/totp/confirm', { code })).recoveryCodes;
}

export async function verifyTotp(code: string): Promise<LoginNext> {
  return parse(NextStep, await api.post('/api/auth/totp/verify', { code })).next;
}
