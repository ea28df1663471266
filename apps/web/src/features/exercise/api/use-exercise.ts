/** An exercise, grading a submission (polling until graded), and the learner's previous submissions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../../lib/api-client.ts';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends code and waits for the verdict; a queued submission is polled, backing off up to a second. */
export async function gradeSubmission(
  exerciseId: string,
  code: string,
  mode: 'run' | 'submit',
  deps: { post: typeof post; get: typeof get; sleep: (ms: number) => Promise<unknown> } = { post, get, sleep },
): Promise<Submission> {
  let sub = await deps.post<Submission>(`/api/exercises/${exerciseId}/submissions`, { code, mode });
  let wait = 150;
  for (let i = 0; i < 120 && (sub.status === 'queued' || sub.status === 'grading'); i++) {
    await deps.sleep(wait);
    wait = Math.min(1000, wait * 1.5);
    sub = await deps.get<Submission>(`/api/submissions/${sub.id}`);
  }
  return sub;
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
