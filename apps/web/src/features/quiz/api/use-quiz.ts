/**
 * Quizzes and daily review: a quiz, checking one answered question (its result and explanation),
 * the whole attempt, the review queue, the number due (the navigation badge) and rating a card.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../../lib/api-client.ts';
import type { QuestionResult, Quiz, QuizAttempt, ReviewQueue } from '../../../lib/api-types.ts';

export type Answer = string | string[];
export type Rating = 'again' | 'hard' | 'good' | 'easy';

export const useQuiz = (quizId: string) =>
  useQuery({ queryKey: ['quiz', quizId], queryFn: () => get<Quiz>(`/api/quizzes/${quizId}`) });

/** Right or wrong, with the explanation, for one question the learner has just answered; stores nothing. */
export const useCheckQuestion = () =>
  useMutation({
    mutationFn: ({ quizId, questionId, answer }: { quizId: string; questionId: string; answer: Answer }) =>
      post<QuestionResult>(`/api/quizzes/${quizId}/questions/${questionId}/check`, { answer }),
  });

export function useAttempt(quizId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, Answer>) => post<QuizAttempt>(`/api/quizzes/${quizId}/attempts`, { answers }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['statuses'] });
      // The answered questions join the review queue.
      void qc.invalidateQueries({ queryKey: ['review'] });
    },
  });
}

export const useReviewQueue = () =>
  useQuery({ queryKey: ['review', 'queue'], queryFn: () => get<ReviewQueue>('/api/review') });

/** How many questions are due today, without fetching them. */
export const useDueCount = (enabled: boolean) =>
  useQuery({
    queryKey: ['review', 'count'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => (await get<ReviewQueue>('/api/review?limit=0')).count,
  });

export function useRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, rating }: { key: string; rating: Rating }) =>
      post<{ key: string; due: string }>(`/api/review/${encodeURIComponent(key)}`, { rating }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['review'] }),
  });
}
