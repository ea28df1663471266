/**
 * Daily review: due questions one at a time. The learner answers; the server says right or wrong
 * with the explanation; then the learner rates how well they recalled it (preselected from the
 * verdict: Good when right, Again when wrong), which schedules the question's next review.
 */
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import type { QuestionResult, ReviewQueue } from '../../../lib/api-types.ts';
import { type Answer, type Rating, useCheckQuestion, useRate, useReviewQueue } from '../api/use-quiz.ts';
import { QuestionFeedback } from './question-feedback.tsx';
import { answered, QuestionView } from './question-view.tsx';
import './quiz.css';

const RATINGS: [Rating, string, string][] = [
  ['again', 'Again', 'I did not remember it'],
  ['hard', 'Hard', 'remembered with effort'],
  ['good', 'Good', 'remembered it'],
  ['easy', 'Easy', 'knew it at once'],
];

/** What a learner most likely means: a right answer was recalled, a wrong one was not. */
export const defaultRating = (correct: boolean): Rating => (correct ? 'good' : 'again');

function RecallRating({
  result,
  onRate,
  pending,
}: {
  result: QuestionResult;
  onRate: (r: Rating) => void;
  pending: boolean;
}) {
  const [rating, setRating] = useState<Rating>(defaultRating(result.correct));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRate(rating);
  };
  return (
    <form onSubmit={submit}>
      <fieldset className="ratings">
        <legend>How well did you recall it?</legend>
        {RATINGS.map(([value, label, hint]) => (
          <label key={value} className={`rating${rating === value ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="rating"
              value={value}
              checked={rating === value}
              onChange={() => setRating(value)}
            />
            <span>
              <strong>{label}</strong> <span className="muted small">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? 'Saving…' : 'Save and continue'}
      </button>
    </form>
  );
}

export function ReviewCard({ item }: { item: ReviewQueue['items'][number] }) {
  const [answer, setAnswer] = useState<Answer | undefined>();
  const check = useCheckQuestion();
  const rate = useRate();
  const result = check.data;
  return (
    <div className="card">
      <h2 className="question-prompt">{item.question.prompt}</h2>
      <QuestionView question={item.question} value={answer} onChange={setAnswer} disabled={Boolean(result)} />
      {result ? (
        <>
          <QuestionFeedback result={result} />
          <RecallRating
            result={result}
            pending={rate.isPending}
            onRate={(rating) => rate.mutate({ key: item.key, rating })}
          />
        </>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={check.isPending || !answered(answer)}
            onClick={() => check.mutate({ quizId: item.quizId, questionId: item.question.id, answer: answer! })}
          >
            {check.isPending ? 'Checking…' : 'Check answer'}
          </button>
        </div>
      )}
      <FormError error={check.error ?? rate.error} />
    </div>
  );
}

export function ReviewPage() {
  const queue = useReviewQueue();
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
        // A fresh card (and state) for each question, and for the same one back again after "Again".
        <ReviewCard key={`${item.key}@${item.due}`} item={item} />
      )}
    </section>
  );
}
