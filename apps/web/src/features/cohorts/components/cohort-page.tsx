/** One cohort: its invite link and, for mentors, the member table with progress and their submissions to review. */
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState, Loading, ProgressBar } from '../../../components/ui/query-state.tsx';
import { useCohort } from '../api/use-cohorts.ts';
import { MemberSubmissions } from './member-submissions.tsx';

export function CohortPage() {
  const { cohortId } = useParams({ from: '/cohorts/$cohortId' });
  const cohort = useCohort(cohortId);
  const [selected, setSelected] = useState<string | null>(null);
  if (cohort.isPending) return <Loading />;
  if (cohort.isError) return <ErrorState error={cohort.error} />;
  const c = cohort.data;
  return (
    <div className="page stack">
      <h1>{c.name}</h1>
      {c.inviteUrl && (
        <div className="card">
          <label htmlFor="invite" className="field-label">
            Invite link (share it with your learners)
          </label>
          <input id="invite" readOnly value={c.inviteUrl} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {c.members ? (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">Members</h2>
          {c.members.length === 0 ? (
            <p className="muted">Nobody has joined yet.</p>
          ) : (
            <div className="table-wrap">
              <table className="data members">
                <thead>
                  <tr>
                    <th scope="col">Learner</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Joined</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.members.map((m) => (
                    <tr key={m.id}>
                      <td>{m.name}</td>
                      <td>
                        <ProgressBar percent={m.completion.percent} label={`${m.name}'s completion`} />
                        <span className="muted small">
                          {m.completion.done}/{m.completion.total} topics
                        </span>
                      </td>
                      <td>{new Date(m.joinedAt).toLocaleDateString()}</td>
                      <td>
                        <button type="button" className="button small" onClick={() => setSelected(m.id)}>
                          Submissions
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : (
        <p className="muted">You are a member of this cohort; your mentor sees your progress.</p>
      )}
      {selected && <MemberSubmissions cohortId={c.id} userId={selected} />}
    </div>
  );
}
