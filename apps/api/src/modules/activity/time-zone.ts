/**
 * The learner's time zone for "today": an `X-Time-Zone` header (the browser's zone) wins, then the
 * stored setting, then UTC. Only IANA names the runtime knows are accepted, so SQL never sees junk.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

const ZONES = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isTimeZone(value: string): boolean {
  return ZONES.has(value);
}

/** The validated header value, or undefined when absent; a bad zone is a 400, not a silent UTC. */
export function headerTimeZone(req: FastifyRequest): string | undefined {
  const raw = req.headers['x-time-zone'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !isTimeZone(value)) {
    throw new AppError('validation_failed', `X-Time-Zone "${String(value)}" is not an IANA time zone name.`);
  }
  return value;
}

/** SQL for the learner's local date, with $1 the user id and `$tz` a nullable text parameter. */
export const localDaySql = (tzParam: string) =>
  `(now() AT TIME ZONE COALESCE(${tzParam}::text, (SELECT time_zone FROM learner_settings WHERE user_id = $1), 'UTC'))::date`;
