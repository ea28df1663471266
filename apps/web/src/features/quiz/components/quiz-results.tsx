/** A graded quiz attempt: the score, then every question with the right answer and its explanation. */
import { Link } from '@tanstack/react-router';
import type { QuestionResult, QuizAttempt } from '../../../lib/api-types.ts';
import { ChoiceExplanations } from './question-feedback.tsx';

function Explained({ q, n }: { q: QuestionResult; n: number }) {
  return (
    <li className={`card question-result ${q.correct ? 'right' : 'wrong'}`}>
      <h2 className="h3">
        <span aria-hidden="true">{q.correct ? '✓' : '✗'}</span> {n}. {q.prompt}
        <span className="visually-hidden">{q.correct ? ' (correct)' : ' (incorrect)'}</span>
      </h2>
      <ChoiceExplanations q={q} />
      {q.explanation && <p>{q.explanation}</p>}
    </li>
  );
}

export function QuizResults({ attempt, onRetry }: { attempt: QuizAttempt; onRetry: () => void }) {
  return (
    <section className="page narrow quiz" aria-labelledby="score-title">
      <div className={`card score ${attempt.passed ? 'passed' : 'failed'}`} role="status">
        <h1 id="score-title">
          {attempt.correct} of {attempt.total} correct
        </h1>
        <p>
          {attempt.passed
            ? attempt.topicCompleted
              ? 'You passed, and the topic is marked done.'
              : 'You passed.'
            : 'Not quite: read the explanations below and try again.'}{' '}
          The questions join your daily review.
        </p>
        <div className="actions">
          <Link to="/topics/$topicId" params={{ topicId: attempt.topicId }} className="button">
            Back to the lesson
          </Link>
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
          <Link to="/review" className="button primary">
            Daily review
          </Link>
        </div>
      </div>
      <ol className="results-list">
        {attempt.questions.map((q, i) => (
          <Explained key={q.id} q={q} n={i + 1} />
        ))}
      </ol>
    </section>
  );
}
