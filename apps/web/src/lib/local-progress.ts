/**
 * Progress of a visitor who has not signed in, kept in localStorage so the roadmap still colours
 * their topics; it is merged into the account on sign-up or sign-in and then cleared.
 */
import type { TopicStatus } from './api-types.ts';

const KEY = 'backpath.progress.v1';

export function readLocalProgress(): Record<string, TopicStatus> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, TopicStatus>) : {};
  } catch {
    return {};
  }
}

export function setLocalStatus(topicId: string, status: TopicStatus): void {
  const all = readLocalProgress();
  if (status === 'not_started') delete all[topicId];
  else all[topicId] = status;
  globalThis.localStorage?.setItem(KEY, JSON.stringify(all));
}

export function clearLocalProgress(): void {
  globalThis.localStorage?.removeItem(KEY);
}

/**
 * Sends each locally kept status to the account. The server's "done" wins over a local "learning",
 * so a status is only sent when it moves the topic forward.
 */
export async function mergeLocalProgress(
  send: (topicId: string, status: TopicStatus) => Promise<unknown>,
  current: Record<string, TopicStatus> = {},
): Promise<number> {
  const rank: Record<TopicStatus, number> = { not_started: 0, learning: 1, skipped: 2, done: 3 };
  let sent = 0;
  for (const [topicId, status] of Object.entries(readLocalProgress())) {
    if (rank[status] > rank[current[topicId] ?? 'not_started']) {
      try {
        await send(topicId, status);
        sent++;
      } catch {
        // A topic retired since the visit is not worth failing the sign-in over.
      }
    }
  }
  clearLocalProgress();
  return sent;
}
