/**
 * Which review comments the learner has already opened, per submission, kept in `localStorage`
 * (`backpath.comments-seen.<submissionId>`), so the attempts list can say how many are new.
 */
const key = (submissionId: string) => `backpath.comments-seen.${submissionId}`;

export function seenComments(submissionId: string): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(key(submissionId)) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markCommentsSeen(submissionId: string, ids: string[]): void {
  localStorage.setItem(key(submissionId), JSON.stringify([...new Set([...seenComments(submissionId), ...ids])]));
}
