/**
 * The public roadmap read model: stage and topic views built from the loaded curriculum, each
 * serialised once and kept as bytes with an ETag (content only changes when the server restarts).
 */
import type { Curriculum, Topic } from '@backpath/curriculum';
import { notFound } from '../../errors.ts';
import { type CachedBody, cachedJson } from '../../lib/http-cache.ts';
import { renderMarkdown } from './render-markdown.ts';

export class RoadmapService {
  readonly #curriculum: Curriculum;
  readonly #cache = new Map<string, CachedBody>();
  /** Topic ids in reading order across the whole roadmap, for previous/next links. */
  readonly #order: string[];

  constructor(curriculum: Curriculum) {
    this.#curriculum = curriculum;
    this.#order = curriculum.stages.flatMap((s) => s.topics);
  }

  stages(): CachedBody {
    return this.#memo('stages', () => ({
      title: this.#curriculum.title,
      contentVersion: this.#curriculum.version,
      stages: this.#curriculum.stages.map((s) => {
        // The overview draws titles, minutes and counts; the longer texts are on GET /api/stages/:id.
        const { why: _why, topics, ...stage } = this.#stageView(s.id);
        return { ...stage, topics: topics.map(({ summary: _summary, ...topic }) => topic) };
      }),
    }));
  }

  stage(stageId: string): CachedBody {
    if (!this.#curriculum.stages.some((s) => s.id === stageId)) throw notFound('Stage', stageId);
    return this.#memo(`stage:${stageId}`, () => this.#stageView(stageId));
  }

  topic(topicId: string): CachedBody {
    const topic = this.#curriculum.topics.get(topicId);
    if (!topic) throw notFound('Topic', topicId);
    return this.#memo(`topic:${topicId}`, () => this.#topicView(topic));
  }

  #memo(key: string, build: () => unknown): CachedBody {
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = cachedJson(build());
      this.#cache.set(key, hit);
    }
    return hit;
  }

  #stageView(stageId: string) {
    const stage = this.#curriculum.stages.find((s) => s.id === stageId)!;
    return {
      id: stage.id,
      number: stage.number,
      title: stage.title,
      summary: stage.summary,
      why: stage.why,
      topics: stage.topics.flatMap((id) => {
        const t = this.#curriculum.topics.get(id);
        if (!t) return [];
        return [
          {
            id: t.id,
            title: t.title,
            summary: t.summary,
            minutes: t.minutes,
            status: t.status,
            exerciseCount: t.exerciseIds.length,
            hasQuiz: Boolean(t.quizId),
          },
        ];
      }),
    };
  }

  #topicView(topic: Topic) {
    const link = (id: string | undefined) => {
      const t = id ? this.#curriculum.topics.get(id) : undefined;
      return t ? { id: t.id, title: t.title } : null;
    };
    const at = this.#order.indexOf(topic.id);
    return {
      id: topic.id,
      stageId: topic.stageId,
      title: topic.title,
      summary: topic.summary,
      minutes: topic.minutes,
      status: topic.status,
      html: renderMarkdown(topic.body),
      resources: topic.resources,
      prerequisites: (topic.prerequisites ?? []).flatMap((id) => link(id) ?? []),
      exercises: topic.exerciseIds.flatMap((id) => {
        const e = this.#curriculum.exercises.get(id);
        return e ? [{ id: e.id, title: e.title, kind: e.kind, difficulty: e.difficulty }] : [];
      }),
      quizId: topic.quizId ?? null,
      previous: link(this.#order[at - 1]),
      next: link(this.#order[at + 1]),
    };
  }
}
