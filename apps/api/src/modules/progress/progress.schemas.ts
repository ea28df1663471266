/** Request and response schemas of the progress endpoints. */
import { Type } from 'typebox';

export const TopicStatusSchema = Type.Union(
  ['not_started', 'learning', 'done', 'skipped'].map((s) => Type.Literal(s)),
  { description: 'not_started | learning | done | skipped' },
);

export const TopicSourceSchema = Type.Union(
  [Type.Literal('graded'), Type.Literal('self'), Type.Literal('imported'), Type.Null()],
  {
    description:
      'Who vouches for the status: graded (every exercise and the quiz of the topic passed here), self ' +
      '(set by the learner: a self-reported "done" never counts towards a credential), imported (a learning ' +
      'import), or null when no status was ever set',
  },
);

const Completion = { done: Type.Integer(), total: Type.Integer(), percent: Type.Integer() };
const TopicState = Type.Object({ id: Type.String(), status: TopicStatusSchema, source: TopicSourceSchema });

export const ProgressResponse = Type.Object({
  overall: Type.Object(Completion),
  stages: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      number: Type.Integer(),
      ...Completion,
      passed: Type.Integer({ description: 'Topics done by passing their graded work (not self-reported)' }),
      topics: Type.Array(TopicState),
    }),
  ),
  retired: Type.Array(TopicState, { description: 'Progress on topics that were retired from the roadmap' }),
});

export const SetStatusBody = Type.Object({ status: TopicStatusSchema }, { additionalProperties: false });
export const SetStatusResponse = Type.Object({
  topicId: Type.String(),
  status: TopicStatusSchema,
  source: TopicSourceSchema,
});

export const ContentIdParam = (name: string) =>
  Type.Object({ [name]: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }) });
