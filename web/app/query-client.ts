import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Client errors (4xx) are answers, not glitches: retry only transport failures and 5xx, once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        // Focus refetches would count as activity and stretch the 等保 idle timeout; the data here changes slowly.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
