/**
 * Who vouches for each topic's status ("graded", "self", "imported") from the signed-in learner's
 * progress, so the lesson page can tell a passed "done" from a self-reported one. Visitors have none.
 */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';
import { useMe } from '../../auth/api/use-me.ts';

export type TopicSource = 'graded' | 'self' | 'imported' | null;

interface ProgressSources {
  stages: { topics: { id: string; source?: TopicSource }[] }[];
}

export const topicSourcesKey = (userId: string | null) => ['topic-sources', userId] as const;

export function useTopicSources() {
  const me = useMe();
  const userId = me.data?.id ?? null;
  return useQuery({
    queryKey: topicSourcesKey(userId),
    enabled: me.isSuccess && userId !== null,
    queryFn: async () => {
      const progress = await get<ProgressSources>('/api/progress');
      const map: Record<string, TopicSource> = {};
      for (const s of progress.stages) for (const t of s.topics) map[t.id] = t.source ?? null;
      return map;
    },
  });
}
