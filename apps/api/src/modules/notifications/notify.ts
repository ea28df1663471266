/**
 * The events that notify a learner, called where they happen (comments, credentials). Each writes
 * at most one notification per recipient and event, never to the person who caused it, and nothing
 * for a kind the recipient switched off.
 */
import type { Queryable } from '../../db/client.ts';
import type { ContentIndex } from '../progress/content-index.ts';
import { createNotification } from './notifications.repository.ts';

const EXCERPT = 140;

/** Plain text on one line, cut at a word near `max` characters. */
export function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A comment was added to a submission: a reply notifies the parent comment's author; the
 * submission's owner hears about any other comment (a mentor's review). The owner replying to a
 * mentor notifies the mentor only; nobody is told about their own words.
 */
export async function notifyComment(
  db: Queryable,
  content: ContentIndex,
  c: { submissionId: string; commentId: string; authorId: string; parentId?: string | undefined; body: string },
): Promise<void> {
  const [row] = await db.query<{
    owner_id: string;
    exercise_id: string;
    author_name: string;
    parent_author: string | null;
  }>(
    `SELECT s.user_id AS owner_id, s.exercise_id, a.name AS author_name,
            (SELECT p.author_id FROM submission_comments p WHERE p.id = $3 AND p.submission_id = s.id) AS parent_author
     FROM submissions s, users a WHERE s.id = $1 AND a.id = $2`,
    [c.submissionId, c.authorId, c.parentId ?? null],
  );
  if (!row) return;
  const exerciseId = content.resolve(row.exercise_id) ?? row.exercise_id;
  const exercise = content.curriculum.exercises.get(exerciseId)?.title ?? 'an exercise';
  const ownLink = `/exercises/${encodeURIComponent(exerciseId)}`;
  const body = excerpt(c.body);
  const key = `comment:${c.commentId}`;
  if (row.parent_author && row.parent_author !== c.authorId) {
    await createNotification(db, {
      userId: row.parent_author,
      kind: 'reply',
      title: `${row.author_name} replied to your comment on “${exercise}”`,
      body,
      // The owner reads the thread beside their submissions; a mentor finds it through the cohort.
      link: row.parent_author === row.owner_id ? ownLink : '/cohorts',
      dedupeKey: key,
    });
  }
  if (row.owner_id !== c.authorId && row.owner_id !== row.parent_author) {
    await createNotification(db, {
      userId: row.owner_id,
      kind: 'comment',
      title: `${row.author_name} commented on your submission for “${exercise}”`,
      body,
      link: ownLink,
      dedupeKey: key,
    });
  }
}

/** A credential was issued: written only if that credential row exists (an insert that lost a race did not). */
export async function notifyCredentialIssued(
  db: Queryable,
  c: { userId: string; credentialId: string; stageTitle: string },
): Promise<void> {
  await createNotification(db, {
    userId: c.userId,
    kind: 'credential',
    title: `You earned the credential for “${c.stageTitle}”`,
    body: 'Every graded exercise and quiz of the stage has passed. Share it from your profile or verify it here.',
    link: `/credentials/${encodeURIComponent(c.credentialId)}`,
    dedupeKey: `credential:${c.credentialId}`,
    onlyIf: { sql: 'EXISTS (SELECT 1 FROM credentials WHERE id = $8 AND user_id = $2)', params: [c.credentialId] },
  });
}
