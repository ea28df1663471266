/** The learner's previous submissions of an exercise; opening one restores its code and result. */
import type { Submission } from '../../../lib/api-types.ts';

const VERDICT = { pass: 'passed', fail: 'failed', error: 'error' } as const;

export function SubmissionList({
  submissions,
  onOpen,
}: {
  submissions: Submission[];
  onOpen: (s: Submission) => void;
}) {
  return (
    <section className="card submissions" aria-labelledby="subs-title">
      <h2 id="subs-title" className="h3">
        Previous attempts
      </h2>
      <ul>
        {submissions.map((s) => {
          const verdict = s.result?.status;
          return (
            <li key={s.id}>
              <button type="button" className="button ghost small" onClick={() => onOpen(s)}>
                {new Date(s.createdAt).toLocaleString()} · {s.mode === 'run' ? 'Run' : 'Submit'}
              </button>
              <span className={`pill ${verdict === 'pass' ? 'ok' : verdict ? 'bad' : ''}`}>
                {verdict ? VERDICT[verdict] : s.status}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
