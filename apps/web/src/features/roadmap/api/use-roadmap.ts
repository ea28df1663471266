/** The roadmap's stages and the learner's topic statuses (from the account, or local for a visitor). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../../lib/api-client.ts';
import type { ProgressResponse, StageList, TopicStatus } from '../../../lib/api-types.ts';
import { readLocalProgress, setLocalStatus } from '../../../lib/local-progress.ts';
import { useMe } from '../../auth/api/use-me.ts';

export const stagesQuery = {
  queryKey: ['stages'],
  queryFn: () => get<StageList>('/api/stages'),
  staleTime: 10 * 60_000,
};

export function useStages() {
  return useQuery(stagesQuery);
}

export const statusesKey = (userId: string | null) => ['statuses', userId] as const;

/** Topic id -> status. Signed-in learners read the server; visitors read localStorage. */
export function useStatuses() {
  const me = useMe();
  const userId = me.data?.id ?? null;
  return useQuery({
    queryKey: statusesKey(userId),
    enabled: me.isSuccess,
    queryFn: async () => {
      if (!userId) return readLocalProgress();
      const progress = await get<ProgressResponse>('/api/progress');
      const map: Record<string, TopicStatus> = {};
      for (const s of progress.stages) for (const t of s.topics) map[t.id] = t.status;
      return map;
    },
  });
}

export function useSetStatus() {
  const me = useMe();
  const qc = useQueryClient();
  const userId = me.data?.id ?? null;
  return useMutation({
    mutationFn: async ({ topicId, status }: { topicId: string; status: TopicStatus }) => {
      if (userId) await put(`/api/progress/topics/${topicId}`, { status });
      else setLocalStatus(topicId, status);
      return { topicId, status };
    },
    // Optimistic: the radio moves at once; a failed save puts the previous status back.
    onMutate: ({ topicId, status }) => {
      const previous = qc.getQueryData<Record<string, TopicStatus>>(statusesKey(userId));
      qc.setQueryData<Record<string, TopicStatus>>(statusesKey(userId), (old) => ({ ...old, [topicId]: status }));
      return { previous };
    },
    onError: (_err, _vars, context) => qc.setQueryData(statusesKey(userId), context?.previous),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dashboard'] }),
  });
}
