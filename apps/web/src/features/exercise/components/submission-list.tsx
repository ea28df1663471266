/**
 * The learner's previous submissions of an exercise; opening one restores its code and result.
 * Each shows its review comments (from a cohort mentor) as a thread the learner can reply to, with
 * a count of comments they have not opened yet.
 */
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { CommentThread, flattenComments } from '../../../components/ui/comment-thread.tsx';
import { get } from '../../../lib/api-client.ts';
import type { Submission, SubmissionComment } from '../../../lib/api-types.ts';
import { useAddComment } from '../../cohorts/api/use-cohorts.ts';
import { markCommentsSeen, seenComments } from '../lib/seen-comments.ts';

const VERDICT = { pass: 'passed', fail: 'failed', error: 'error' } as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function unseen(submissionId: string, comments: SubmissionComment[], viewerId: string) {
  const seen = seenComments(submissionId);
  return flattenComments(comments).filter((c) => c.author.id !== viewerId && !seen.has(c.id)).length;
}

function SubmissionComments({
  submissionId,
  comments,
  viewerId,
  onSeen,
}: {
  submissionId: string;
  comments: SubmissionComment[];
  viewerId: string;
  onSeen: () => void;
}) {
  const add = useAddComment(submissionId);
  const all = flattenComments(comments);
  const fresh = unseen(submissionId, comments, viewerId);
  return (
    <details
      className="submission-comments"
      onToggle={(e) => {
        if (!e.currentTarget.open) return;
        markCommentsSeen(
          submissionId,
          all.map((c) => c.id),
        );
        onSeen();
      }}
    >
      <summary>
        {plural(all.length, 'comment')}
        {fresh > 0 && <span className="pill learning">{fresh} new</span>}
      </summary>
      <CommentThread
        comments={comments}
        onAdd={(body, parentId) => add.mutateAsync({ body, ...(parentId ? { parentId } : {}) })}
      />
    </details>
  );
}

export function SubmissionList({
  submissions,
  viewerId,
  onOpen,
}: {
  submissions: Submission[];
  /** The signed-in learner: their own replies never count as new. */
  viewerId: string;
  onOpen: (s: Submission) => void;
}) {
  const threads = useQueries({
    queries: submissions.map((s) => ({
      queryKey: ['comments', s.id],
      queryFn: async () => (await get<{ items: SubmissionComment[] }>(`/api/submissions/${s.id}/comments`)).items,
    })),
  });
  // Bumped when a thread is opened, so the counts re-read what has been seen.
  const [, setSeenVersion] = useState(0);
  const newTotal = submissions.reduce(
    (n, s, i) => n + (threads[i]?.data ? unseen(s.id, threads[i].data, viewerId) : 0),
    0,
  );
  return (
    <section className="card submissions" aria-labelledby="subs-title">
      <h2 id="subs-title" className="h3">
        Previous attempts
        {newTotal > 0 && <span className="pill learning">{plural(newTotal, 'new comment')}</span>}
      </h2>
      <ul>
        {submissions.map((s, i) => {
          const verdict = s.result?.status;
          const comments = threads[i]?.data;
          return (
            <li key={s.id}>
              <button type="button" className="button ghost small" onClick={() => onOpen(s)}>
                {new Date(s.createdAt).toLocaleString()} · {s.mode === 'run' ? 'Run' : 'Submit'}
              </button>
              <span className={`pill ${verdict === 'pass' ? 'ok' : verdict ? 'bad' : ''}`}>
                {verdict ? VERDICT[verdict] : s.status}
              </span>
              {comments && comments.length > 0 && (
                <SubmissionComments
                  submissionId={s.id}
                  comments={comments}
                  viewerId={viewerId}
                  onSeen={() => setSeenVersion((v) => v + 1)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
