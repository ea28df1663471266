/**
 * Cohorts: mine, one cohort (members with completion for its mentors), members' submissions, and the
 * comment thread on a submission (read and written by its mentors and by the learner who made it).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../../lib/api-client.ts';
import type { Completion, Submission, SubmissionComment } from '../../../lib/api-types.ts';

export interface CohortSummary {
  id: string;
  name: string;
  role: 'mentor' | 'learner';
  inviteToken?: string;
  inviteUrl?: string;
}
export interface Cohort extends CohortSummary {
  members?: { id: string; name: string; joinedAt: string; completion: Completion }[];
}
export type Comment = SubmissionComment;

export const useCohorts = () =>
  useQuery({
    queryKey: ['cohorts'],
    queryFn: async () => (await get<{ items: CohortSummary[] }>('/api/cohorts')).items,
  });

export const useCohort = (id: string) =>
  useQuery({ queryKey: ['cohort', id], queryFn: () => get<Cohort>(`/api/cohorts/${id}`) });

export function useCreateCohort() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => post<CohortSummary>('/api/cohorts', { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cohorts'] }),
  });
}

export const useMemberSubmissions = (cohortId: string, userId: string | null) =>
  useQuery({
    queryKey: ['member-submissions', cohortId, userId],
    enabled: Boolean(userId),
    queryFn: async () =>
      (await get<{ items: Submission[] }>(`/api/cohorts/${cohortId}/members/${userId}/submissions`)).items,
  });

export const useComments = (submissionId: string) =>
  useQuery({
    queryKey: ['comments', submissionId],
    queryFn: async () => (await get<{ items: Comment[] }>(`/api/submissions/${submissionId}/comments`)).items,
  });

export function useAddComment(submissionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, parentId }: { body: string; parentId?: string }) =>
      post<SubmissionComment>(`/api/submissions/${submissionId}/comments`, parentId ? { body, parentId } : { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['comments', submissionId] }),
  });
}
