/** Response schemas of the public roadmap: no quiz answers, solutions or hidden checks appear here. */
import { Type } from 'typebox';

export const TopicSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  minutes: Type.Integer(),
  status: Type.String({ description: 'outline or complete (authoring status of the lesson)' }),
  exerciseCount: Type.Integer(),
  hasQuiz: Type.Boolean(),
});

export const StageSummary = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  why: Type.String(),
  topics: Type.Array(TopicSummary),
});

/** A topic as the roadmap overview shows it: its summary is on GET /api/stages/:id and the topic itself. */
export const TopicListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  minutes: Type.Integer(),
  status: Type.String({ description: 'outline or complete (authoring status of the lesson)' }),
  exerciseCount: Type.Integer(),
  hasQuiz: Type.Boolean(),
});

/** A stage in the overview list: what the roadmap page draws. `why` and the topics' summaries are on
 *  GET /api/stages/:stageId, which keeps the list (read on every visit) about half the size. */
export const StageListItem = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  topics: Type.Array(TopicListItem),
});

export const StageList = Type.Object({
  title: Type.String(),
  contentVersion: Type.String(),
  stages: Type.Array(StageListItem),
});

const Link = Type.Object({ id: Type.String(), title: Type.String() });

export const TopicDetail = Type.Object({
  id: Type.String(),
  stageId: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  minutes: Type.Integer(),
  status: Type.String(),
  html: Type.String({ description: 'The lesson rendered to HTML, with highlighted code' }),
  resources: Type.Array(Type.Object({ title: Type.String(), url: Type.String(), type: Type.String() })),
  prerequisites: Type.Array(Link),
  exercises: Type.Array(
    Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), difficulty: Type.String() }),
  ),
  quizId: Type.Union([Type.String(), Type.Null()]),
  previous: Type.Union([Link, Type.Null()]),
  next: Type.Union([Link, Type.Null()]),
});

export const IdParam = (name: string) =>
  Type.Object({ [name]: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }) });
