/** An exercise, grading a submission (streamed, polled as a fallback), and the learner's previous submissions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FollowOptions, followEvents, get, isNotFound, post } from '../../../lib/api-client.ts';
import type { PublicExercise, Submission } from '../../../lib/api-types.ts';

export function useExercise(id: string) {
  return useQuery({ queryKey: ['exercise', id], queryFn: () => get<PublicExercise>(`/api/exercises/${id}`) });
}

export function useSubmissions(exerciseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['submissions', exerciseId],
    enabled,
    queryFn: async () =>
      (await get<{ items: Submission[] }>(`/api/exercises/${exerciseId}/submissions?limit=10`)).items,
  });
}

const isPassing = (s: Submission) => s.mode === 'submit' && s.status === 'graded' && s.result?.status === 'pass';

/**
 * The learner's latest passing submission (Submit, every check passed), or null: the newest of
 * their recent submissions that passed, else the best one if it passed.
 */
export function usePassingSolution(exerciseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['passing-solution', exerciseId],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const recent = await get<{ items: Submission[] }>(`/api/exercises/${exerciseId}/submissions?limit=20`);
      const latest = recent.items.find(isPassing);
      if (latest) return latest;
      if (recent.items.length < 20) return null;
      try {
        const best = await get<Submission>(`/api/exercises/${exerciseId}/submissions/best`);
        return isPassing(best) ? best : null;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
  });
}

const settled = (s: Submission) => s.status === 'graded' || s.status === 'failed';

/**
 * Sends code and waits for the verdict: a queued submission is followed through its server-sent
 * events stream, and polled only when the stream fails or stays silent.
 */
export async function gradeSubmission(
  exerciseId: string,
  code: string,
  mode: 'run' | 'submit',
  deps: { post: typeof post; get: typeof get; follow?: Partial<FollowOptions<Submission>> } = { post, get },
): Promise<Submission> {
  const sub = await deps.post<Submission>(`/api/exercises/${exerciseId}/submissions`, { code, mode });
  if (settled(sub)) return sub;
  return followEvents<Submission>({
    streamUrl: `/api/submissions/${sub.id}/events`,
    poll: () => deps.get<Submission>(`/api/submissions/${sub.id}`),
    settled,
    ...deps.follow,
  });
}

export function useGrade(exerciseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, mode }: { code: string; mode: 'run' | 'submit' }) => gradeSubmission(exerciseId, code, mode),
    onSuccess: (sub) => {
      void qc.invalidateQueries({ queryKey: ['submissions', exerciseId] });
      if (sub.mode === 'submit') {
        void qc.invalidateQueries({ queryKey: ['statuses'] });
        void qc.invalidateQueries({ queryKey: ['dashboard'] });
      }
    },
  });
}
