/**
 * The exercise model: a common shape plus one spec per kind. Content files in `content/` are
 * validated against these schemas by `packages/curriculum`; `packages/graders` consumes them.
 * Fields marked "server only" (solution, hidden checks, expected values) never leave the API.
 */
import { type Static, Type } from 'typebox';

export const EXERCISE_KINDS = ['sql', 'code', 'tests', 'http', 'redis', 'document', 'config', 'local'] as const;
export const ExerciseKind = Type.Enum(EXERCISE_KINDS);
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

export const Difficulty = Type.Union([
  Type.Literal('beginner'),
  Type.Literal('intermediate'),
  Type.Literal('advanced'),
]);
export type Difficulty = Static<typeof Difficulty>;

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Check = {
  name: Type.String({ minLength: 1 }),
  /** Hidden checks report pass/fail only; their inputs and expectations are never shown. */
  hidden: Type.Optional(Type.Boolean()),
};

/** sql: run the learner's SQL against `setup`, compare with the reference solution. */
export const SqlSpec = Type.Object(
  {
    /** Schema and seed data, applied once into a template database. */
    setup: Type.String(),
    /** `query`: compare the result set of the submission with the solution's.
     *  `state`: run the submission as a script, then compare each check's `probe` result. */
    mode: Type.Union([Type.Literal('query'), Type.Literal('state')]),
    /** Row order matters only when true (the exercise asked for ORDER BY). */
    ordered: Type.Optional(Type.Boolean()),
    /** Column names must match the solution's when true (default true). */
    columnNames: Type.Optional(Type.Boolean()),
    /** Absolute tolerance for numeric comparison. */
    tolerance: Type.Optional(Type.Number()),
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          /** Extra SQL run after `setup` and before the submission (e.g. other data for a hidden check). */
          extraSetup: Type.Optional(Type.String()),
          /** state mode: the query whose result is compared after the script ran. */
          probe: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** A JSON value used as argument or expectation. */
const Json = Type.Unknown();

/** code: the submission defines a function `entry`; each check calls it with `args`. */
export const CodeSpec = Type.Object(
  {
    language: Type.Union([Type.Literal('javascript'), Type.Literal('typescript'), Type.Literal('python')]),
    entry: Type.String({ minLength: 1 }),
    /** Compare arrays without regard to order. */
    unordered: Type.Optional(Type.Boolean()),
    tolerance: Type.Optional(Type.Number()),
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          args: Type.Array(Json),
          expected: Json,
          /** When true, the call is expected to throw (expected is then a substring of the message, or null). */
          throws: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** tests: the learner writes tests (with `test(name, fn)` and `expect`) for `module`; they must
 *  pass against `module` and fail against each mutant. */
export const TestsSpec = Type.Object(
  {
    language: Type.Union([Type.Literal('javascript'), Type.Literal('typescript')]),
    /** The reference implementation the learner's tests import as `subject`. */
    module: Type.String(),
    mutants: Type.Array(
      Type.Object(
        { name: Type.String(), description: Type.String(), source: Type.String() },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export const HttpRequestSpec = Type.Object(
  {
    method: Type.String(),
    path: Type.String(),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    body: Type.Optional(Json),
  },
  { additionalProperties: false },
);

/** http: the submission defines `handle(request)` returning `{ status, headers, body }`. Requests
 *  in a check run in order against one handler instance, so state can carry between them. */
export const HttpSpec = Type.Object(
  {
    language: Type.Union([Type.Literal('javascript'), Type.Literal('typescript')]),
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          requests: Type.Array(
            Type.Object(
              {
                request: HttpRequestSpec,
                expect: Type.Object(
                  {
                    status: Type.Optional(Type.Integer()),
                    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
                    /** Deep-equal on the JSON body. */
                    body: Type.Optional(Json),
                    /** Each key must be present in the body with this value (partial match). */
                    bodyIncludes: Type.Optional(Type.Record(Type.String(), Json)),
                  },
                  { additionalProperties: false },
                ),
              },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** redis: the submission is Redis commands, one per line. After `setup` and the submission, each
 *  check runs its `probe` commands and compares the replies with `expected`. */
export const RedisSpec = Type.Object(
  {
    setup: Type.Optional(Type.Array(Type.String())),
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          probe: Type.Array(Type.String(), { minItems: 1 }),
          expected: Type.Array(Json),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** document: the submission is a JSON (or JSON5-like) object `{ "collection", "filter"?,
 *  "projection"?, "sort"?, "limit"? }` or `{ "collection", "pipeline": [...] }`, evaluated with mingo
 *  and compared with the solution's result. */
export const DocumentSpec = Type.Object(
  {
    collections: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Json))),
    ordered: Type.Optional(Type.Boolean()),
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          /** Replaces the seeded collections for this check (hidden data variants). */
          collections: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Json)))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export const CONFIG_RULES = [
  'dockerfile-pinned-base',
  'dockerfile-non-root',
  'dockerfile-multi-stage',
  'dockerfile-no-secrets',
  'dockerfile-dependency-cache',
  'dockerfile-healthcheck',
  'dockerfile-no-latest',
  'compose-healthchecks',
  'compose-depends-on-healthy',
  'compose-no-inline-secrets',
  'compose-named-volumes',
  'compose-restart-policy',
  'workflow-tests-before-deploy',
  'workflow-dependency-cache',
  'workflow-pinned-actions',
  'workflow-least-privilege',
  'workflow-no-inline-secrets',
  'workflow-deploy-on-main-only',
] as const;

/** config: parsed with a real parser for `format`, then each check applies one named rule. */
export const ConfigSpec = Type.Object(
  {
    format: Type.Union([Type.Literal('dockerfile'), Type.Literal('compose'), Type.Literal('github-actions')]),
    checks: Type.Array(Type.Object({ ...Check, rule: Type.Enum(CONFIG_RULES) }, { additionalProperties: false }), {
      minItems: 1,
    }),
  },
  { additionalProperties: false },
);

export const LOCAL_CHECK_TYPES = [
  'branch-exists',
  'branch-merged',
  'commit-count-at-least',
  'commit-message-matches',
  'tag-exists',
  'tag-annotated',
  'file-contains',
  'no-conflict-markers',
  'linear-history',
  'clean-working-tree',
] as const;

/** local: a git repository state the CLI verifies with real git on the learner's machine. */
export const LocalSpec = Type.Object(
  {
    checks: Type.Array(
      Type.Object(
        {
          ...Check,
          type: Type.Enum(LOCAL_CHECK_TYPES),
          /** Type-specific arguments: branch, into, count, pattern, tag, file, text. */
          branch: Type.Optional(Type.String()),
          into: Type.Optional(Type.String()),
          count: Type.Optional(Type.Integer({ minimum: 1 })),
          pattern: Type.Optional(Type.String()),
          tag: Type.Optional(Type.String()),
          file: Type.Optional(Type.String()),
          text: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /** Shell-free setup steps the CLI performs to create the practice repository (git args). */
    setup: Type.Optional(Type.Array(Type.Array(Type.String()))),
  },
  { additionalProperties: false },
);

const common = {
  id: Id,
  topic: Id,
  title: Type.String({ minLength: 3, maxLength: 120 }),
  difficulty: Difficulty,
  /** Markdown. */
  instructions: Type.String({ minLength: 20 }),
  starter: Type.String(),
  /** Server only. */
  solution: Type.String({ minLength: 1 }),
  hints: Type.Array(Type.String(), { minItems: 1 }),
  minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
};

export const Exercise = Type.Union([
  Type.Object({ ...common, kind: Type.Literal('sql'), sql: SqlSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('code'), code: CodeSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('tests'), tests: TestsSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('http'), http: HttpSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('redis'), redis: RedisSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('document'), document: DocumentSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('config'), config: ConfigSpec }, { additionalProperties: false }),
  Type.Object({ ...common, kind: Type.Literal('local'), local: LocalSpec }, { additionalProperties: false }),
]);
export type Exercise = Static<typeof Exercise>;
export type ExerciseOfKind<K extends ExerciseKind> = Extract<Exercise, { kind: K }>;
