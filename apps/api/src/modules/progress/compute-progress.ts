/**
 * Turns stored status rows into the progress view: ids resolved through the id-map (a renamed or
 * moved topic keeps its status), merged when two old ids now mean one topic, counted per stage, and
 * rows whose topic was retired reported rather than dropped.
 */
import type { ContentIndex } from './content-index.ts';
import type { ProgressRow, TopicStatus } from './progress.repository.ts';

export interface ProgressView {
  overall: { done: number; total: number; percent: number };
  stages: {
    id: string;
    title: string;
    number: number;
    done: number;
    total: number;
    percent: number;
    topics: { id: string; status: TopicStatus }[];
  }[];
  retired: { id: string; status: TopicStatus }[];
}

// When a merge maps two stored rows onto one topic, the more advanced status wins.
const RANK: Record<TopicStatus, number> = { not_started: 0, skipped: 1, learning: 2, done: 3 };

const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

export function statusByTopic(content: ContentIndex, rows: ProgressRow[]) {
  const current = new Map<string, TopicStatus>();
  const retired: { id: string; status: TopicStatus }[] = [];
  for (const row of rows) {
    const id = content.resolve(row.topic_id);
    if (!id || !content.curriculum.topics.has(id)) {
      retired.push({ id: row.topic_id, status: row.status });
      continue;
    }
    const had = current.get(id);
    if (!had || RANK[row.status] > RANK[had]) current.set(id, row.status);
  }
  return { current, retired };
}

export function computeProgress(content: ContentIndex, rows: ProgressRow[]): ProgressView {
  const { current, retired } = statusByTopic(content, rows);
  let done = 0;
  let total = 0;
  const stages = content.curriculum.stages.map((stage) => {
    const topics = stage.topics.map((id) => ({ id, status: current.get(id) ?? ('not_started' as TopicStatus) }));
    const stageDone = topics.filter((t) => t.status === 'done').length;
    done += stageDone;
    total += topics.length;
    return {
      id: stage.id,
      title: stage.title,
      number: stage.number,
      done: stageDone,
      total: topics.length,
      percent: percent(stageDone, topics.length),
      topics,
    };
  });
  retired.sort((a, b) => a.id.localeCompare(b.id));
  return { overall: { done, total, percent: percent(done, total) }, stages, retired };
}

/** Stages whose every topic is done: what credentials and the portfolio count as completed. */
export function completedStages(view: ProgressView): string[] {
  return view.stages.filter((s) => s.total > 0 && s.done === s.total).map((s) => s.id);
}
