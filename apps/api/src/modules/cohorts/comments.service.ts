/**
 * Review comments on a submission: threaded (a reply names its parent), Markdown rendered and
 * sanitised on write. The submission's owner and their current cohort mentors may read and write.
 */
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../errors.ts';
import { renderUserMarkdown } from '../notes/safe-markdown.ts';
import { notifyComment } from '../notifications/notify.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { canSeeLearner } from './visibility.ts';

interface CommentRow {
  id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  body_html: string;
  created_at: Date | string;
}

export interface CommentNode {
  id: string;
  parentId: string | null;
  author: { id: string; name: string };
  body: string;
  html: string;
  createdAt: string;
  replies: CommentNode[];
}

export class CommentsService {
  readonly #ctx: LearningContext;

  constructor(ctx: LearningContext) {
    this.#ctx = ctx;
  }

  async #authorise(submissionId: string, viewerId: string) {
    const [sub] = await this.#ctx.db.query<{ user_id: string }>('SELECT user_id FROM submissions WHERE id = $1', [
      submissionId,
    ]);
    if (!sub || !(await canSeeLearner(this.#ctx.db, viewerId, sub.user_id))) throw notFound('Submission', submissionId);
  }

  async add(submissionId: string, authorId: string, body: string, parentId?: string) {
    await this.#authorise(submissionId, authorId);
    if (parentId) {
      const [parent] = await this.#ctx.db.query(
        'SELECT 1 FROM submission_comments WHERE id = $1 AND submission_id = $2',
        [parentId, submissionId],
      );
      if (!parent) throw new AppError('validation_failed', 'parentId is not a comment on this submission.');
    }
    const id = randomUUID();
    await this.#ctx.db.query(
      `INSERT INTO submission_comments (id, submission_id, author_id, parent_id, body, body_html)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, submissionId, authorId, parentId ?? null, body, renderUserMarkdown(body)],
    );
    await notifyComment(this.#ctx.db, this.#ctx.content, { submissionId, commentId: id, authorId, parentId, body });
    return (await this.list(submissionId, authorId, id)).items[0]!;
  }

  async list(submissionId: string, viewerId: string, onlyId?: string) {
    await this.#authorise(submissionId, viewerId);
    const rows = await this.#ctx.db.query<CommentRow>(
      `SELECT c.id, c.parent_id, c.author_id, u.name AS author_name, c.body, c.body_html, c.created_at
       FROM submission_comments c JOIN users u ON u.id = c.author_id
       WHERE c.submission_id = $1 ${onlyId ? 'AND c.id = $2' : ''} ORDER BY c.created_at, c.id`,
      onlyId ? [submissionId, onlyId] : [submissionId],
    );
    const nodes = new Map<string, CommentNode>();
    for (const r of rows) {
      nodes.set(r.id, {
        id: r.id,
        parentId: r.parent_id,
        author: { id: r.author_id, name: r.author_name },
        body: r.body,
        html: r.body_html,
        createdAt: new Date(r.created_at).toISOString(),
        replies: [],
      });
    }
    const roots: CommentNode[] = [];
    for (const n of nodes.values()) {
      const parent = n.parentId ? nodes.get(n.parentId) : undefined;
      if (parent) parent.replies.push(n);
      else roots.push(n);
    }
    return { items: roots };
  }
}
