/**
 * Request validation. Bodies are validated strictly: unknown properties are refused (never silently
 * stripped, which would hide a client's mistake or a mass-assignment attempt) and types are never
 * coerced. Path and query strings arrive as text, so there numbers may be coerced from strings.
 * A NUL character (`%00`) in a path parameter, a query value or a header is refused before any route
 * sees it (PostgreSQL cannot store or compare it in `text`); the body parser does the same for bodies.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { nulError, nulField } from './json-body.ts';

// ajv-formats is CommonJS: its function sits on `default` when imported from ESM.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const base: Options = { allErrors: false, useDefaults: true, strict: false, removeAdditional: false };

function makeAjv(opts: Options): Ajv {
  const ajv = new Ajv({ ...base, ...opts });
  addFormats(ajv);
  return ajv;
}

/** Object schemas without an explicit `additionalProperties` become closed. */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closeObjects(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !out.patternProperties) {
    out.additionalProperties = false;
  }
  return out;
}

export function registerValidation(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(closeObjects(schema) as FastifySchema);
    return coercing.compile(closeObjects(schema) as FastifySchema);
  });
  app.addHook('preValidation', async (req) => {
    const nul =
      nulField(req.params, 'params') ?? nulField(req.query, 'querystring') ?? nulField(req.headers, 'headers');
    if (nul) throw nulError(nul);
  });
}
