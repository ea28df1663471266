/** One quiz question with its answer control: radio buttons, checkboxes or a short text field. */
import type { QuizQuestion } from '../../../lib/api-types.ts';
import type { Answer } from '../api/use-quiz.ts';

export type { Answer };

/** Whether a question has an answer to check yet. */
export const answered = (a: Answer | undefined) => (Array.isArray(a) ? a.length > 0 : Boolean(a?.trim()));

export function QuestionView({
  question,
  value,
  onChange,
  disabled = false,
}: {
  question: QuizQuestion;
  value: Answer | undefined;
  onChange: (a: Answer) => void;
  /** Once checked, an answer is kept as it was. */
  disabled?: boolean;
}) {
  if (question.type === 'short') {
    return (
      <div className="field">
        <label htmlFor={`q-${question.id}`}>Your answer</label>
        <input
          id={`q-${question.id}`}
          type="text"
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
    );
  }
  const multiple = question.type === 'multiple';
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <fieldset className="choices">
      <legend className="visually-hidden">{multiple ? 'Choose all that apply' : 'Choose one'}</legend>
      {multiple && <p className="muted small">Choose all that apply.</p>}
      {question.choices?.map((c) => (
        <label key={c.id} className={`choice${chosen.includes(c.id) ? ' chosen' : ''}`}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={`q-${question.id}`}
            value={c.id}
            checked={chosen.includes(c.id)}
            disabled={disabled}
            onChange={(e) =>
              onChange(multiple ? (e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id)) : c.id)
            }
          />
          <span>{c.text}</span>
        </label>
      ))}
    </fieldset>
  );
}
