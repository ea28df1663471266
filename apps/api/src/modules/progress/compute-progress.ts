/**
 * Turns stored status rows into the progress view: ids resolved through the id-map (a renamed or
 * moved topic keeps its status), merged when two old ids now mean one topic, counted per stage, and
 * rows whose topic was retired reported rather than dropped. Each status carries who vouches for
 * it: a "done" is either passed (graded work) or self-reported (or imported), never both.
 */
import type { ContentIndex } from './content-index.ts';
import type { ProgressRow, StatusSource, TopicStatus } from './progress.repository.ts';

/** Who vouches for a topic's status, as the API says it; null when the learner never set one. */
export type TopicSource = 'graded' | 'self' | 'imported' | null;

export interface TopicState {
  id: string;
  status: TopicStatus;
  source: TopicSource;
}

export interface ProgressView {
  overall: { done: number; total: number; percent: number };
  stages: {
    id: string;
    title: string;
    number: number;
    done: number;
    /** Of `done`, the topics completed by passing their graded work here (not self-reported). */
    passed: number;
    total: number;
    percent: number;
    topics: TopicState[];
  }[];
  retired: TopicState[];
}

// When a merge maps two stored rows onto one topic, the more advanced status wins, then graded work.
const RANK: Record<TopicStatus, number> = { not_started: 0, skipped: 1, learning: 2, done: 3 };
const SOURCE_RANK: Record<StatusSource, number> = { self: 0, import: 0, graded: 1 };

const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

const apiSource = (s: StatusSource): TopicSource => (s === 'import' ? 'imported' : s);

export function statusByTopic(content: ContentIndex, rows: ProgressRow[]) {
  const current = new Map<string, ProgressRow>();
  const retired: TopicState[] = [];
  for (const row of rows) {
    const id = content.resolve(row.topic_id);
    if (!id || !content.curriculum.topics.has(id)) {
      retired.push({ id: row.topic_id, status: row.status, source: apiSource(row.source) });
      continue;
    }
    const had = current.get(id);
    const better =
      !had ||
      RANK[row.status] > RANK[had.status] ||
      (RANK[row.status] === RANK[had.status] && SOURCE_RANK[row.source] > SOURCE_RANK[had.source]);
    if (better) current.set(id, row);
  }
  return { current, retired };
}

export function computeProgress(content: ContentIndex, rows: ProgressRow[]): ProgressView {
  const { current, retired } = statusByTopic(content, rows);
  let done = 0;
  let total = 0;
  const stages = content.curriculum.stages.map((stage) => {
    const topics = stage.topics.map((id): TopicState => {
      const row = current.get(id);
      return row
        ? { id, status: row.status, source: apiSource(row.source) }
        : { id, status: 'not_started', source: null };
    });
    const stageDone = topics.filter((t) => t.status === 'done').length;
    done += stageDone;
    total += topics.length;
    return {
      id: stage.id,
      title: stage.title,
      number: stage.number,
      done: stageDone,
      passed: topics.filter((t) => t.status === 'done' && t.source === 'graded').length,
      total: topics.length,
      percent: percent(stageDone, topics.length),
      topics,
    };
  });
  retired.sort((a, b) => a.id.localeCompare(b.id));
  return { overall: { done, total, percent: percent(done, total) }, stages, retired };
}
