/** A checked question: right or wrong, then each choice marked with its explanation, or the expected answer. */
import type { QuestionResult } from '../../../lib/api-types.ts';

export function ChoiceExplanations({ q }: { q: QuestionResult }) {
  return q.choices ? (
    <ul className="result-choices">
      {q.choices.map((c) => (
        <li key={c.id} className={`${c.correct ? 'correct' : ''} ${c.chosen ? 'chosen' : ''}`}>
          <strong>
            {c.correct ? 'Right answer' : 'Not this one'}
            {c.chosen ? ' · you chose it' : ''}:
          </strong>{' '}
          {c.text}
          {c.explanation && <p className="muted small">{c.explanation}</p>}
        </li>
      ))}
    </ul>
  ) : (
    <p>
      You answered <strong>{String(q.given ?? '—')}</strong>; the expected answer is{' '}
      <strong>{String(q.correctAnswer)}</strong>.
    </p>
  );
}

/** Shown right after answering; a live region, so a screen reader hears the verdict. */
export function QuestionFeedback({ result }: { result: QuestionResult }) {
  return (
    <div className={`feedback ${result.correct ? 'right' : 'wrong'}`} role="status">
      <p className="feedback-verdict">
        <span aria-hidden="true">{result.correct ? '✓' : '✗'}</span> {result.correct ? 'Correct' : 'Not quite'}
      </p>
      <ChoiceExplanations q={result} />
      {result.explanation && <p>{result.explanation}</p>}
    </div>
  );
}
