/**
 * Parses and vets a document-query submission: JSON with a readable error on a typo, a known
 * collection, and no operators that run code on the server.
 */

export type DocumentQuery =
  | { collection: string; pipeline: Record<string, unknown>[] }
  | {
      collection: string;
      filter?: Record<string, unknown>;
      projection?: Record<string, unknown>;
      sort?: Record<string, 1 | -1>;
      limit?: number;
      skip?: number;
    };

export class QueryError extends Error {
  readonly code: 'compile_error' | 'invalid_submission';
  constructor(code: 'compile_error' | 'invalid_submission', message: string) {
    super(message);
    this.code = code;
  }
}

/** Operators that evaluate JavaScript: refused before mingo sees them. */
const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);
const MAX_DEPTH = 32;
const KEYS = new Set(['collection', 'filter', 'projection', 'sort', 'limit', 'skip', 'pipeline']);

function lineAndColumn(source: string, position: number): string {
  const before = source.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function vet(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new QueryError('invalid_submission', `Your query is nested more than ${MAX_DEPTH} levels deep. Simplify it.`);
  }
  if (Array.isArray(value)) {
    for (const item of value) vet(item, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (CODE_OPERATORS.has(key)) {
        throw new QueryError(
          'invalid_submission',
          `${key} runs JavaScript on the database server, which is slow and unsafe, so it is not allowed here. Use query operators such as $gt, $in or $expr instead.`,
        );
      }
      vet(inner, depth + 1);
    }
  }
}

export function parseQuery(source: string, collections: string[]): DocumentQuery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineAndColumn(source, Number(at[1]))}` : '';
    throw new QueryError(
      'compile_error',
      `Your query is not valid JSON${where}: ${message}. Keys and strings need double quotes, and there is no comma after the last item.`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new QueryError(
      'invalid_submission',
      'Your query must be one JSON object such as {"collection": "users", "filter": {}}.',
    );
  }
  vet(parsed, 0);
  const query = parsed as Record<string, unknown>;
  const unknownKey = Object.keys(query).find((k) => !KEYS.has(k));
  if (unknownKey) {
    throw new QueryError(
      'invalid_submission',
      `Unknown key "${unknownKey}". Use collection, filter, projection, sort, skip and limit, or collection and pipeline.`,
    );
  }
  if (typeof query.collection !== 'string' || !collections.includes(query.collection)) {
    throw new QueryError(
      'invalid_submission',
      `Name a collection with "collection": one of ${collections.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
  if ('pipeline' in query && !Array.isArray(query.pipeline)) {
    throw new QueryError('invalid_submission', '"pipeline" must be an array of stages, such as [{"$match": {...}}].');
  }
  for (const key of ['filter', 'projection', 'sort'] as const) {
    const v = query[key];
    if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
      throw new QueryError('invalid_submission', `"${key}" must be an object.`);
    }
  }
  for (const key of ['limit', 'skip'] as const) {
    const v = query[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      throw new QueryError('invalid_submission', `"${key}" must be a whole number of 0 or more.`);
    }
  }
  return query as DocumentQuery;
}
