/** Words and styles for a learner's topic status, one place for the roadmap, lesson and dashboard. */
import type { TopicStatus } from './api-types.ts';

export const STATUS_LABEL: Record<TopicStatus, string> = {
  not_started: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
};

export const STATUS_ORDER: TopicStatus[] = ['not_started', 'learning', 'done', 'skipped'];

/** Completion of one stage: done topics over all topics, counted as the server counts them. */
export function stageCompletion(topicIds: string[], statuses: Record<string, TopicStatus>) {
  const done = topicIds.filter((id) => statuses[id] === 'done').length;
  const total = topicIds.length;
  return { done, total, percent: total === 0 ? 0 : Math.round((done / total) * 100) };
}
