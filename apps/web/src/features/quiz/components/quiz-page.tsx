/**
 * A topic's quiz, one question at a time. A signed-in learner checks each answer as they give it
 * and sees right or wrong with the explanation at once (the server checks that one question and
 * stores nothing); after the last question the whole attempt is graded and stored, as one attempt,
 * and the questions join the review queue. Answers never reach the browser before they are given.
 */
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import type { QuestionResult, Quiz } from '../../../lib/api-types.ts';
import { useMe } from '../../auth/api/use-me.ts';
import { type Answer, useAttempt, useCheckQuestion, useQuiz } from '../api/use-quiz.ts';
import { QuestionFeedback } from './question-feedback.tsx';
import { answered, QuestionView } from './question-view.tsx';
import { QuizResults } from './quiz-results.tsx';
import './quiz.css';

export function QuizPage() {
  const { quizId } = useParams({ from: '/quizzes/$quizId' });
  const quiz = useQuiz(quizId);
  const me = useMe();
  if (quiz.isPending) return <Loading label="Loading the quiz…" />;
  if (quiz.isError) return <ErrorState error={quiz.error} />;
  return <QuizRunner quiz={quiz.data} signedIn={Boolean(me.data)} />;
}

export function QuizRunner({ quiz, signedIn }: { quiz: Quiz; signedIn: boolean }) {
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [checked, setChecked] = useState<Record<string, QuestionResult>>({});
  const check = useCheckQuestion();
  const attempt = useAttempt(quiz.id);
  const { questions, topicId } = quiz;

  if (attempt.data)
    return (
      <QuizResults
        attempt={attempt.data}
        onRetry={() => {
          attempt.reset();
          check.reset();
          setAnswers({});
          setChecked({});
          setIndex(0);
        }}
      />
    );
  const q = questions[index]!;
  const last = index === questions.length - 1;
  const result = checked[q.id];
  const answer = answers[q.id];
  const goNext = () => {
    check.reset();
    setIndex(index + 1);
  };

  let primary: ReactNode;
  if (!signedIn) {
    primary = last ? (
      <p className="muted">
        <Link to="/sign-in">Sign in</Link> to check your answers and add them to your review queue.
      </p>
    ) : (
      <button type="button" className="button primary" disabled={!answered(answer)} onClick={goNext}>
        Next question
      </button>
    );
  } else if (!result) {
    primary = (
      <button
        type="button"
        className="button primary"
        disabled={check.isPending || !answered(answer)}
        onClick={() =>
          check.mutate(
            { quizId: quiz.id, questionId: q.id, answer: answer! },
            { onSuccess: (r) => setChecked((c) => ({ ...c, [q.id]: r })) },
          )
        }
      >
        {check.isPending ? 'Checking…' : 'Check answer'}
      </button>
    );
  } else if (!last) {
    primary = (
      <button type="button" className="button primary" onClick={goNext}>
        Next question
      </button>
    );
  } else {
    primary = (
      <button
        type="button"
        className="button primary"
        disabled={attempt.isPending}
        onClick={() => attempt.mutate(answers)}
      >
        {attempt.isPending ? 'Saving…' : 'See my score'}
      </button>
    );
  }

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
        <QuestionView
          question={q}
          value={answer}
          disabled={Boolean(result)}
          onChange={(a) => setAnswers({ ...answers, [q.id]: a })}
        />
        {result && <QuestionFeedback result={result} />}
        <div className="actions">
          {index > 0 && (
            <button
              type="button"
              className="button"
              onClick={() => {
                check.reset();
                setIndex(index - 1);
              }}
            >
              Previous
            </button>
          )}
          {primary}
        </div>
        <FormError error={check.error ?? attempt.error} />
      </div>
    </section>
  );
}
