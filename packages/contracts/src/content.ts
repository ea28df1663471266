/**
 * The curriculum model as authored in `content/`: stages, topics (lessons), quizzes and the staged
 * capstone project. Every item has a stable id that never changes when its title or file moves.
 */
import { type Static, Type } from 'typebox';

export const ContentId = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });

export const ResourceType = Type.Union([
  Type.Literal('official'),
  Type.Literal('article'),
  Type.Literal('video'),
  Type.Literal('book'),
  Type.Literal('course'),
  Type.Literal('tool'),
]);

export const Resource = Type.Object(
  {
    title: Type.String({ minLength: 2 }),
    url: Type.String({ pattern: '^https://' }),
    type: ResourceType,
  },
  { additionalProperties: false },
);
export type Resource = Static<typeof Resource>;

/** `content/stages/NN-slug/stage.yaml` — order of topics comes from this manifest, not file names. */
export const StageManifest = Type.Object(
  {
    id: ContentId,
    number: Type.Integer({ minimum: 1, maximum: 13 }),
    title: Type.String({ minLength: 3 }),
    summary: Type.String({ minLength: 40 }),
    /** Why this stage matters, one or two sentences. */
    why: Type.String({ minLength: 20 }),
    topics: Type.Array(ContentId, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type StageManifest = Static<typeof StageManifest>;

/** Front matter of `content/stages/NN-slug/topics/<slug>.md`; the Markdown body is the lesson. */
export const TopicFrontMatter = Type.Object(
  {
    id: ContentId,
    title: Type.String({ minLength: 3 }),
    summary: Type.String({ minLength: 20 }),
    minutes: Type.Integer({ minimum: 1, maximum: 180 }),
    /** `outline` topics have a short body and are to be written; `complete` ones are full lessons. */
    status: Type.Union([Type.Literal('outline'), Type.Literal('complete')]),
    resources: Type.Array(Resource),
    prerequisites: Type.Optional(Type.Array(ContentId)),
  },
  { additionalProperties: false },
);
export type TopicFrontMatter = Static<typeof TopicFrontMatter>;

export const Choice = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    text: Type.String({ minLength: 1 }),
    /** Why this choice is right or wrong; shown after an attempt. */
    explanation: Type.String({ minLength: 5 }),
  },
  { additionalProperties: false },
);

export const Question = Type.Union([
  Type.Object(
    {
      id: ContentId,
      type: Type.Literal('single'),
      prompt: Type.String({ minLength: 5 }),
      choices: Type.Array(Choice, { minItems: 2 }),
      answer: Type.String(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: ContentId,
      type: Type.Literal('multiple'),
      prompt: Type.String({ minLength: 5 }),
      choices: Type.Array(Choice, { minItems: 2 }),
      answers: Type.Array(Type.String(), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: ContentId,
      type: Type.Literal('short'),
      prompt: Type.String({ minLength: 5 }),
      /** Accepted answers, compared case-insensitively after trimming and collapsing spaces. */
      accept: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
      explanation: Type.String({ minLength: 5 }),
    },
    { additionalProperties: false },
  ),
]);
export type Question = Static<typeof Question>;

/** `content/stages/NN-slug/topics/<slug>.quiz.yaml`. */
export const QuizFile = Type.Object(
  {
    id: ContentId,
    topic: ContentId,
    questions: Type.Array(Question, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type QuizFile = Static<typeof QuizFile>;

/** `content/projects/<slug>/project.yaml`: the staged capstone. */
export const ProjectFile = Type.Object(
  {
    id: ContentId,
    title: Type.String(),
    summary: Type.String(),
    stages: Type.Array(
      Type.Object(
        {
          id: ContentId,
          number: Type.Integer({ minimum: 1 }),
          title: Type.String(),
          /** Markdown: exactly what the tester checks at this stage. */
          description: Type.String({ minLength: 40 }),
          /** The roadmap stage this capstone stage practises. */
          roadmapStage: ContentId,
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type ProjectFile = Static<typeof ProjectFile>;

/** `content/roadmap.yaml`: the ordered list of stage ids and the content version. */
export const RoadmapFile = Type.Object(
  {
    title: Type.String(),
    version: Type.String(),
    stages: Type.Array(ContentId, { minItems: 1 }),
  },
  { additionalProperties: false },
);

/** `content/id-map.yaml`: ids that were renamed or merged (old -> new) and ids retired for good. */
export const IdMapFile = Type.Object(
  {
    renamed: Type.Optional(Type.Record(Type.String(), ContentId)),
    retired: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
