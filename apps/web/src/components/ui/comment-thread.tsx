/**
 * A submission's review comments as a thread: each comment with its replies nested under it, a
 * reply form under any comment, and (optionally) a form for a new top-level comment. The HTML is
 * rendered and sanitised by the server.
 */
import { type FormEvent, useId, useState } from 'react';
import type { SubmissionComment } from '../../lib/api-types.ts';
import { FormError } from './query-state.tsx';

export type AddComment = (body: string, parentId?: string) => Promise<unknown>;

/** Every comment in a thread, replies included. */
export function flattenComments(comments: SubmissionComment[]): SubmissionComment[] {
  return comments.flatMap((c) => [c, ...flattenComments(c.replies)]);
}

function CommentForm({
  label,
  submitLabel,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<unknown>;
}) {
  const id = useId();
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit(body);
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} value={body} onChange={(e) => setBody(e.target.value)} placeholder={label} required />
      <button type="submit" className="button small" disabled={pending || !body.trim()}>
        {submitLabel}
      </button>
      <FormError error={error} />
    </form>
  );
}

function CommentItem({ comment, onAdd }: { comment: SubmissionComment; onAdd: AddComment }) {
  const [replying, setReplying] = useState(false);
  return (
    <li className="comment">
      <strong>{comment.author.name}</strong>{' '}
      <span className="muted small">{new Date(comment.createdAt).toLocaleString()}</span>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: comment Markdown is rendered and sanitised by the server */}
      <div dangerouslySetInnerHTML={{ __html: comment.html }} />
      {replying ? (
        <CommentForm
          label={`Reply to ${comment.author.name}`}
          submitLabel="Send reply"
          onSubmit={async (body) => {
            await onAdd(body, comment.id);
            setReplying(false);
          }}
        />
      ) : (
        <button type="button" className="button ghost small" onClick={() => setReplying(true)}>
          Reply
        </button>
      )}
      {comment.replies.length > 0 && (
        <ul className="comment-replies">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} onAdd={onAdd} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function CommentThread({
  comments,
  onAdd,
  newCommentLabel,
}: {
  comments: SubmissionComment[];
  onAdd: AddComment;
  /** Shows a form for a new top-level comment, labelled with this. */
  newCommentLabel?: string;
}) {
  return (
    <div className="thread">
      {comments.length > 0 && (
        <ul className="comment-list">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} onAdd={onAdd} />
          ))}
        </ul>
      )}
      {newCommentLabel && <CommentForm label={newCommentLabel} submitLabel="Comment" onSubmit={(b) => onAdd(b)} />}
    </div>
  );
}
