import { createContext, use } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/schemas/access.ts';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only valid below the AuthGate. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() used outside the AuthGate');
  return me;
}

/** The login page probes the session under its own key, so clearing the console's cache never touches it. */
export const sessionProbeKey = ['session-probe'] as const;

export type LoginState = { reason?: 'expired' | 'logged_out'; from?: string };

/**
 * Leaves the console for /login and forgets every cached answer, so the next person at this screen cannot page
 * back into the previous user's data (等保: residual information).
 */
export async function leaveConsole(
  navigate: (to: string, opts: { replace: boolean; state: LoginState }) => Promise<void> | void,
  queryClient: QueryClient,
  state: LoginState,
): Promise<void> {
  await navigate('/login', { replace: true, state });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionProbeKey[0] });
}
