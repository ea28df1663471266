/** One TanStack Query client for the app: no retries on 4xx answers, a short freshness window. */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});
