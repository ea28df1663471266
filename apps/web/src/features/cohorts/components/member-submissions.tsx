/** A member's submissions for their mentor, each with its code, verdict and a comment thread. */
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import type { Submission } from '../../../lib/api-types.ts';
import { useAddComment, useComments, useMemberSubmissions } from '../api/use-cohorts.ts';

function Thread({ submission }: { submission: Submission }) {
  const comments = useComments(submission.id);
  const add = useAddComment(submission.id);
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <div className="thread">
      {comments.data?.map((c) => (
        <div key={c.id} className="comment">
          <strong>{c.author.name}</strong> <span className="muted small">{new Date(c.createdAt).toLocaleString()}</span>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: comment Markdown is rendered and sanitised by the server */}
          <div dangerouslySetInnerHTML={{ __html: c.html }} />
        </div>
      ))}
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={`c-${submission.id}`} className="visually-hidden">
          Comment on this submission
        </label>
        <input
          id={`c-${submission.id}`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Write a comment"
          required
        />
        <button type="submit" className="button small" disabled={add.isPending}>
          Comment
        </button>
      </form>
      <FormError error={add.error} />
    </div>
  );
}

export function MemberSubmissions({ cohortId, userId }: { cohortId: string; userId: string }) {
  const subs = useMemberSubmissions(cohortId, userId);
  if (subs.isPending) return <Loading />;
  if (subs.isError) return <ErrorState error={subs.error} />;
  return (
    <section className="card stack" aria-labelledby="subs-title">
      <h2 id="subs-title">Submissions</h2>
      {subs.data.length === 0 && <p className="muted">No submissions yet.</p>}
      {subs.data.map((s) => (
        <details key={s.id}>
          <summary>
            {s.exerciseId} · {s.mode} · {s.result?.status ?? s.status} · {new Date(s.createdAt).toLocaleString()}
          </summary>
          <pre className="console">{s.code}</pre>
          <Thread submission={s} />
        </details>
      ))}
    </section>
  );
}
