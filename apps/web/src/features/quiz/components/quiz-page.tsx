/**
 * A topic's quiz, one question at a time. Answers are graded on the server when the last one is
 * given (they never reach the browser before), then each question is shown with its explanation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import { get, post } from '../../../lib/api-client.ts';
import type { Quiz, QuizAttempt } from '../../../lib/api-types.ts';
import { useMe } from '../../auth/api/use-me.ts';
import { type Answer, QuestionView } from './question-view.tsx';
import { QuizResults } from './quiz-results.tsx';
import './quiz.css';

const answered = (a: Answer | undefined) => (Array.isArray(a) ? a.length > 0 : Boolean(a?.trim()));

export function QuizPage() {
  const { quizId } = useParams({ from: '/quizzes/$quizId' });
  const quiz = useQuery({ queryKey: ['quiz', quizId], queryFn: () => get<Quiz>(`/api/quizzes/${quizId}`) });
  const me = useMe();
  const qc = useQueryClient();
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const attempt = useMutation({
    mutationFn: () => post<QuizAttempt>(`/api/quizzes/${quizId}/attempts`, { answers }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['statuses'] }),
  });
  if (quiz.isPending) return <Loading label="Loading the quiz…" />;
  if (quiz.isError) return <ErrorState error={quiz.error} />;
  const { questions, topicId } = quiz.data;
  if (attempt.data)
    return (
      <QuizResults
        attempt={attempt.data}
        onRetry={() => {
          attempt.reset();
          setAnswers({});
          setIndex(0);
        }}
      />
    );
  const q = questions[index]!;
  const last = index === questions.length - 1;
  return (
    <section className="page narrow quiz" aria-labelledby="quiz-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/topics/$topicId" params={{ topicId }}>
          ← Back to the lesson
        </Link>
      </nav>
      <p className="muted" id="quiz-title">
        Quiz · question {index + 1} of {questions.length}
      </p>
      <div className="quiz-progress" aria-hidden="true">
        <span style={{ width: `${((index + 1) / questions.length) * 100}%` }} />
      </div>
      <div className="card">
        <h1 className="question-prompt">{q.prompt}</h1>
        <QuestionView question={q} value={answers[q.id]} onChange={(a) => setAnswers({ ...answers, [q.id]: a })} />
        <div className="actions">
          {index > 0 && (
            <button type="button" className="button" onClick={() => setIndex(index - 1)}>
              Previous
            </button>
          )}
          {last ? (
            me.data ? (
              <button
                type="button"
                className="button primary"
                disabled={attempt.isPending || !answered(answers[q.id])}
                onClick={() => attempt.mutate()}
              >
                {attempt.isPending ? 'Checking…' : 'Check my answers'}
              </button>
            ) : (
              <p className="muted">
                <Link to="/sign-in">Sign in</Link> to check your answers and add them to your review queue.
              </p>
            )
          ) : (
            <button
              type="button"
              className="button primary"
              disabled={!answered(answers[q.id])}
              onClick={() => setIndex(index + 1)}
            >
              Next question
            </button>
          )}
        </div>
        <FormError error={attempt.error} />
      </div>
    </section>
  );
}
