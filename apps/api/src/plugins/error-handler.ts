/**
 * The one error handler: every failure leaves as `{ error: { code, message, details? } }` with the
 * status from the code table. A 5xx never carries a stack, SQL text or driver message; it is logged
 * with the request id instead, and the client gets that id to quote.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';
import { isRedisUnavailable } from '../lib/redis.ts';

/** Errors that mean "the database is unreachable right now": answer 503, try again shortly. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        e.message,
      )
    ) {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

const FASTIFY_MESSAGES: Partial<Record<ErrorCode, string>> = {
  payload_too_large: 'The request body is larger than this server accepts.',
  unsupported_media_type: 'Send the request body as JSON with "Content-Type: application/json".',
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    send(reply, new AppError('not_found', `There is no route for ${req.method} ${req.url.split('?')[0]}.`));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return send(reply, err);
    if (err.validation) {
      const details = err.validation.map((v) => ({
        field: `${err.validationContext ?? 'body'}${v.instancePath || ''}`,
        problem: describeValidation(v),
      }));
      return send(
        reply,
        new AppError(
          'validation_failed',
          `Invalid ${err.validationContext ?? 'request'}: ${details[0]?.field} ${details[0]?.problem}.`,
          details,
        ),
      );
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return send(reply, new AppError(mapped, FASTIFY_MESSAGES[mapped] ?? 'The request is malformed.'));
    if (err.statusCode === 429) {
      return send(reply, new AppError('rate_limited', 'Too many requests; wait and try again.', undefined, {}));
    }
    // Redis is optional for most routes (cache and rate limits degrade); this is for those that need it.
    if (isRedisUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: err.code } }, 'redis unavailable');
      return send(
        reply,
        new AppError(
          'service_unavailable',
          'A service this request needs is unavailable; try again in a few seconds.',
          undefined,
          {
            'retry-after': '5',
          },
        ),
      );
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
      return send(
        reply,
        new AppError('service_unavailable', 'The database is unavailable; try again in a few seconds.', undefined, {
          'retry-after': '5',
        }),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, new AppError('bad_request', 'The request is malformed.'));
    }
    req.log.error({ err }, 'unhandled error');
    return send(
      reply,
      new AppError('internal', `Something went wrong on our side. Quote request id ${req.id} if you report it.`),
    );
  });
}

function send(reply: FastifyReply, err: AppError): FastifyReply {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  const body: { code: string; message: string; details?: unknown } = { code: err.code, message: err.message };
  if (err.details !== undefined) body.details = err.details;
  return reply.status(err.status).type('application/json; charset=utf-8').send({ error: body });
}

function describeValidation(v: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  if (v.keyword === 'additionalProperties') return `has an unknown property "${String(v.params.additionalProperty)}"`;
  if (v.keyword === 'required') return `is missing the required property "${String(v.params.missingProperty)}"`;
  return v.message ?? 'is invalid';
}

export type { FastifyRequest };
