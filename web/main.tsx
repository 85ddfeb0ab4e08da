import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import type { Me } from '../shared/schemas/access.ts';
import './app/i18n.ts';
import { onUnauthorized } from './app/api.ts';
import { AppProviders } from './app/AppProviders.tsx';
import { createQueryClient } from './app/query-client.ts';
import { router } from './app/router.tsx';
import { leaveConsole } from './app/session.tsx';
import { meKey } from './features/auth/auth.api.ts';

const queryClient = createQueryClient();

// Any 401 means the server session is gone (idle timeout, absolute timeout, logout elsewhere): back to /login,
// saying "会话已超时" when the user had been signed in.
onUnauthorized(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  const wasSignedIn = queryClient.getQueryData<Me>(meKey)?.next === 'done';
  void leaveConsole(router.navigate, queryClient, { reason: wasSignedIn ? 'expired' : undefined, from: pathname + search });
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
