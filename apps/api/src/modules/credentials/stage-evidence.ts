/**
 * The evidence rule behind a stage credential (ADR 012): every exercise of the stage (including
 * `local` ones, graded from CLI reports) has a passing submit, every quiz of the stage a passing
 * attempt, and for the practice stage (the roadmap's last) every stage of every capstone project a
 * passing tester report — all recorded on this instance. Imported submissions and attempts do not
 * count, and neither does a topic marked done by hand. For each item the first passing piece of work
 * is the evidence: when it passed and a SHA-256 of what was submitted.
 */
import { createHash } from 'node:crypto';
import type { Stage } from '@backpath/curriculum';
import type { Queryable } from '../../db/client.ts';
import type { ContentIndex } from '../progress/content-index.ts';

export type EvidenceKind = 'exercise' | 'quiz' | 'project-stage';

export interface EvidenceItem {
  kind: EvidenceKind;
  /** Exercise id, quiz id, or capstone stage id. */
  id: string;
  /** The exercise's title, the quiz's topic title, or "<project>, stage N: <title>". */
  title: string;
  /** The topic the exercise or quiz belongs to; for a capstone stage, the project id. */
  topicId: string | null;
  projectId: string | null;
  passed: boolean;
  /** When the first passing work was graded (ISO 8601). */
  passedAt: string | null;
  /** SHA-256 (hex) of the passing work: submitted code, quiz answers, or the tester's report. */
  sha256: string | null;
}

export interface StageEvidence {
  stageId: string;
  stageTitle: string;
  stageNumber: number;
  /** True when the stage has graded work and all of it passed. */
  holds: boolean;
  items: EvidenceItem[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted, so the same answers always hash the same whatever their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The stage whose credential also needs the capstone: the roadmap's last (the practice stage). */
export function capstoneStageId(content: ContentIndex): string | undefined {
  return content.curriculum.projects.size > 0 ? content.curriculum.stages.at(-1)?.id : undefined;
}

interface Passed {
  at: string;
  sha256: string;
}

/** The first passing work per item for one learner, graded here, in three queries. */
async function firstPasses(db: Queryable, content: ContentIndex, userId: string) {
  const [subs, attempts, reports] = await Promise.all([
    db.query<{ exercise_id: string; code: string; graded_at: Date | string }>(
      `SELECT DISTINCT ON (exercise_id) exercise_id, code, graded_at FROM submissions
       WHERE user_id = $1 AND mode = 'submit' AND verdict = 'pass' AND NOT imported AND graded_at IS NOT NULL
       ORDER BY exercise_id, graded_at, id`,
      [userId],
    ),
    db.query<{ quiz_id: string; answers: unknown; created_at: Date | string }>(
      `SELECT DISTINCT ON (quiz_id) quiz_id, answers, created_at FROM quiz_attempts
       WHERE user_id = $1 AND passed AND NOT imported ORDER BY quiz_id, created_at, id`,
      [userId],
    ),
    db.query<{ project_id: string; passed_stages: string[]; report: unknown; created_at: Date | string }>(
      'SELECT project_id, passed_stages, report, created_at FROM project_reports WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    ),
  ]);
  // Older ids resolve to today's; when two old ids now mean one item, the earlier pass is kept.
  const keep = (map: Map<string, Passed>, id: string | undefined, p: Passed) => {
    if (!id) return;
    const had = map.get(id);
    if (!had || had.at > p.at) map.set(id, p);
  };
  const exercises = new Map<string, Passed>();
  for (const s of subs)
    keep(exercises, content.resolve(s.exercise_id), { at: iso(s.graded_at), sha256: sha256(s.code) });
  const quizzes = new Map<string, Passed>();
  for (const a of attempts) {
    keep(quizzes, content.resolve(a.quiz_id), { at: iso(a.created_at), sha256: sha256(canonicalJson(a.answers)) });
  }
  const projectStages = new Map<string, Passed>();
  for (const r of reports) {
    const p = { at: iso(r.created_at), sha256: sha256(canonicalJson(r.report)) };
    for (const stageId of r.passed_stages) keep(projectStages, `${r.project_id}/${stageId}`, p);
  }
  return { exercises, quizzes, projectStages };
}

function evidenceOf(content: ContentIndex, stage: Stage, passes: Awaited<ReturnType<typeof firstPasses>>) {
  const { curriculum } = content;
  const items: EvidenceItem[] = [];
  const item = (kind: EvidenceKind, id: string, title: string, topicId: string | null, p: Passed | undefined) =>
    items.push({
      kind,
      id,
      title,
      topicId: kind === 'project-stage' ? null : topicId,
      projectId: kind === 'project-stage' ? topicId : null,
      passed: Boolean(p),
      passedAt: p?.at ?? null,
      sha256: p?.sha256 ?? null,
    });
  for (const topicId of stage.topics) {
    for (const id of content.topicExercises(topicId)) {
      item('exercise', id, curriculum.exercises.get(id)?.title ?? id, topicId, passes.exercises.get(id));
    }
    const quiz = content.topicQuiz(topicId);
    // A quiz is named after its topic; the kind says it is the quiz.
    if (quiz) item('quiz', quiz, curriculum.topics.get(topicId)?.title ?? topicId, topicId, passes.quizzes.get(quiz));
  }
  if (capstoneStageId(content) === stage.id) {
    for (const project of curriculum.projects.values()) {
      for (const s of project.stages) {
        const title = `${project.title}, stage ${s.number}: ${s.title}`;
        item('project-stage', s.id, title, project.id, passes.projectStages.get(`${project.id}/${s.id}`));
      }
    }
  }
  return {
    stageId: stage.id,
    stageTitle: stage.title,
    stageNumber: stage.number,
    holds: items.length > 0 && items.every((i) => i.passed),
    items,
  };
}

/** Every stage's evidence for one learner, in roadmap order. */
export async function allStageEvidence(db: Queryable, content: ContentIndex, userId: string): Promise<StageEvidence[]> {
  const passes = await firstPasses(db, content, userId);
  return content.curriculum.stages.map((stage) => evidenceOf(content, stage, passes));
}

/** In a sentence, how much of a stage's graded work is passed (used as a revocation reason). */
export function shortfall(e: StageEvidence): string {
  const count = (kind: EvidenceKind) => {
    const all = e.items.filter((i) => i.kind === kind);
    return { passed: all.filter((i) => i.passed).length, total: all.length };
  };
  const parts = (
    [
      ['exercises', count('exercise')],
      ['quizzes', count('quiz')],
      ['capstone stages', count('project-stage')],
    ] as const
  )
    .filter(([, c]) => c.total > 0)
    .map(([name, c]) => `${name} passed ${c.passed} of ${c.total}`);
  return parts.length > 0 ? parts.join(', ') : 'the stage has no graded work';
}
