/** GET /api/activity?year= (heatmap days + streak) and PUT /api/activity/time-zone (my zone setting). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { currentUser } from '../progress/current-user.ts';
import type { ActivityService } from './activity.service.ts';
import { headerTimeZone, isTimeZone } from './time-zone.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function activityRoutes(app: FastifyInstance, opts: { activity: ActivityService }) {
  const { activity } = opts;
  app.get<{ Querystring: { year?: number } }>(
    '/api/activity',
    {
      config: { access: 'user' },
      schema: {
        tags: ['activity'],
        summary: 'My daily activity for a year (heatmap) and my streak, in my time zone (X-Time-Zone or my setting)',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          { additionalProperties: false },
        ),
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) => activity.heatmap(currentUser(req).id, headerTimeZone(req), req.query.year),
  );
  app.put<{ Body: { timeZone: string } }>(
    '/api/activity/time-zone',
    {
      config: { access: 'user' },
      schema: {
        tags: ['activity'],
        summary: 'Set the time zone my days and streak are counted in (an IANA name)',
        body: Type.Object({ timeZone: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) => {
      if (!isTimeZone(req.body.timeZone)) {
        throw new AppError('validation_failed', `"${req.body.timeZone}" is not an IANA time zone name.`);
      }
      return activity.setTimeZone(currentUser(req).id, req.body.timeZone);
    },
  );
}
