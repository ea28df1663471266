/**
 * Lookups over the loaded curriculum that the learning modules share: current ids through the
 * id-map (renames and merges), every old id that now means a given item, and each topic's graded
 * work (exercises and quiz) for automatic completion.
 */
import { type Curriculum, resolveContentId } from '@backpath/curriculum';

export class ContentIndex {
  readonly curriculum: Curriculum;
  /** current id -> [current id, ...older ids that resolve to it] */
  readonly #aliases = new Map<string, string[]>();
  /** topic id -> stage id */
  readonly #stageOfTopic = new Map<string, string>();
  readonly topicOrder: string[];

  constructor(curriculum: Curriculum) {
    this.curriculum = curriculum;
    for (const old of Object.keys(curriculum.idMap.renamed)) {
      const current = resolveContentId(curriculum, old);
      if (current) this.#aliases.set(current, [...(this.#aliases.get(current) ?? [current]), old]);
    }
    for (const stage of curriculum.stages) for (const t of stage.topics) this.#stageOfTopic.set(t, stage.id);
    this.topicOrder = curriculum.stages.flatMap((s) => s.topics);
  }

  get version(): string {
    return this.curriculum.version;
  }

  /** The current id for a stored id, or undefined when it was retired or never existed. */
  resolve(id: string): string | undefined {
    return resolveContentId(this.curriculum, id);
  }

  /** Every stored id that refers to `currentId` (itself first). */
  aliases(currentId: string): string[] {
    return this.#aliases.get(currentId) ?? [currentId];
  }

  stageOf(topicId: string): string | undefined {
    return this.#stageOfTopic.get(topicId);
  }

  /** Exercises graded on the server (`local` ones are verified by the CLI and count too). */
  topicExercises(topicId: string): string[] {
    return this.curriculum.topics.get(topicId)?.exerciseIds ?? [];
  }

  topicQuiz(topicId: string): string | undefined {
    return this.curriculum.topics.get(topicId)?.quizId;
  }
}
