/** Daily review: due questions one at a time; the learner recalls, rates how it went, then sees the answer. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import { get, post } from '../../../lib/api-client.ts';
import type { ReviewQueue } from '../../../lib/api-types.ts';
import { type Answer, QuestionView } from './question-view.tsx';
import './quiz.css';

const RATINGS = [
  ['again', 'Forgot'],
  ['hard', 'Hard'],
  ['good', 'Good'],
  ['easy', 'Easy'],
] as const;

export function ReviewPage() {
  const qc = useQueryClient();
  const queue = useQuery({ queryKey: ['review'], queryFn: () => get<ReviewQueue>('/api/review') });
  const [answer, setAnswer] = useState<Answer | undefined>();
  const rate = useMutation({
    mutationFn: ({ key, rating }: { key: string; rating: string }) =>
      post<{ correctAnswer: string | string[] }>(`/api/review/${encodeURIComponent(key)}`, { rating }),
  });
  if (queue.isPending) return <Loading label="Loading your review…" />;
  if (queue.isError) return <ErrorState error={queue.error} />;
  const item = queue.data.items[0];
  return (
    <section className="page narrow quiz" aria-labelledby="review-title">
      <h1 id="review-title">Daily review</h1>
      <p className="muted">
        <strong>{queue.data.count}</strong> question{queue.data.count === 1 ? '' : 's'} due
      </p>
      {!item ? (
        <div className="card empty-state">
          <p>Nothing is due. Questions from your quizzes come back here just before you would forget them.</p>
          <Link to="/" className="button primary">
            Back to the roadmap
          </Link>
        </div>
      ) : (
        <div className="card">
          <h2 className="question-prompt">{item.question.prompt}</h2>
          <QuestionView question={item.question} value={answer} onChange={setAnswer} />
          {rate.data ? (
            <>
              <p className="alert">
                Answer:{' '}
                <strong>
                  {[rate.data.correctAnswer]
                    .flat()
                    .map((id) => item.question.choices?.find((c) => c.id === id)?.text ?? id)
                    .join(', ')}
                </strong>
              </p>
              <button
                type="button"
                className="button primary"
                onClick={async () => {
                  rate.reset();
                  setAnswer(undefined);
                  await qc.invalidateQueries({ queryKey: ['review'] });
                }}
              >
                Next question
              </button>
            </>
          ) : (
            <fieldset className="ratings">
              <legend>How well did you remember it?</legend>
              {RATINGS.map(([rating, label]) => (
                <button
                  key={rating}
                  type="button"
                  className="button"
                  disabled={rate.isPending}
                  onClick={() => rate.mutate({ key: item.key, rating })}
                >
                  {label}
                </button>
              ))}
            </fieldset>
          )}
          <FormError error={rate.error} />
        </div>
      )}
    </section>
  );
}
