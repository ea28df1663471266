/** A member's submissions for their mentor, each with its code, verdict and a comment thread. */
import { CommentThread } from '../../../components/ui/comment-thread.tsx';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import type { Submission } from '../../../lib/api-types.ts';
import { useAddComment, useComments, useMemberSubmissions } from '../api/use-cohorts.ts';

function Thread({ submission }: { submission: Submission }) {
  const comments = useComments(submission.id);
  const add = useAddComment(submission.id);
  if (comments.isError) return <ErrorState error={comments.error} />;
  return (
    <CommentThread
      comments={comments.data ?? []}
      onAdd={(body, parentId) => add.mutateAsync({ body, ...(parentId ? { parentId } : {}) })}
      newCommentLabel="Comment on this submission"
    />
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
