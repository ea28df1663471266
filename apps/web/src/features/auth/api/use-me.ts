/** The signed-in user (or null for a visitor), and the actions that change who is signed in. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, isUnauthorized, post, put } from '../../../lib/api-client.ts';
import type { Me, ProgressResponse, TopicStatus } from '../../../lib/api-types.ts';
import { mergeLocalProgress } from '../../../lib/local-progress.ts';

export const meKey = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await get<Me>('/api/me');
  } catch (err) {
    if (isUnauthorized(err)) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** After a sign-in: merge the visitor's local progress, then refresh everything user-specific. */
export function useAfterSignIn() {
  const qc = useQueryClient();
  return async () => {
    const current: Record<string, TopicStatus> = {};
    try {
      const progress = await get<ProgressResponse>('/api/progress');
      for (const s of progress.stages) for (const t of s.topics) current[t.id] = t.status;
    } catch {
      // Without the current view every local status is sent; the server keeps the latest.
    }
    await mergeLocalProgress((id, status) => put(`/api/progress/topics/${id}`, { status }), current);
    await qc.resetQueries();
  };
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await post('/api/auth/sign-out');
    qc.setQueryData(meKey, null);
    await qc.resetQueries();
  };
}
