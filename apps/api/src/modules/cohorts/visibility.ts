/**
 * Who may see a learner's work: the learner, and a mentor of a cohort the learner is currently a
 * member of, while their account still has the mentor (or admin) role. Both are checked on every
 * read, so leaving a cohort or losing the role ends the mentor's view at once.
 */
import type { Queryable } from '../../db/client.ts';

export async function canSeeLearner(db: Queryable, viewerId: string, learnerId: string): Promise<boolean> {
  if (viewerId === learnerId) return true;
  const [row] = await db.query(
    `SELECT 1 FROM cohort_members mentor
     JOIN users viewer ON viewer.id = mentor.user_id AND viewer.role IN ('mentor', 'admin')
     JOIN cohort_members learner ON learner.cohort_id = mentor.cohort_id
     WHERE mentor.user_id = $1 AND mentor.role = 'mentor' AND learner.user_id = $2 AND learner.role = 'learner'
     LIMIT 1`,
    [viewerId, learnerId],
  );
  return Boolean(row);
}
