/** In-app notifications under /api/notifications: list, unread count, mark read, per-kind preferences. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import {
  IdParam,
  ListQuery,
  ListResponse,
  NotificationSchema,
  PreferencesBody,
  PreferencesResponse,
} from './notifications.schemas.ts';
import type { NotificationsService, Preferences } from './notifications.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const tags = ['notifications'];

export async function notificationsRoutes(app: FastifyInstance, opts: { notifications: NotificationsService }) {
  const { notifications } = opts;
  app.get<{ Querystring: { unread?: boolean; limit?: number; cursor?: string } }>(
    '/api/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'My notifications, newest first (cursor-paginated; unread=true for unread ones only)',
        querystring: ListQuery,
        response: { 200: ListResponse, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) =>
      notifications.list(
        currentUser(req).id,
        { unread: req.query.unread ?? false, limit: req.query.limit ?? 20, cursor: req.query.cursor },
        headerTimeZone(req),
      ),
  );
  app.get(
    '/api/notifications/unread-count',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'How many of my notifications are unread (the header badge)',
        response: { 200: Type.Object({ count: Type.Integer() }), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) => notifications.unreadCount(currentUser(req).id, headerTimeZone(req)),
  );
  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark all my notifications read; answers how many changed',
        response: { 200: Type.Object({ marked: Type.Integer() }), 401: ErrorRef },
      },
    },
    async (req) => notifications.markAllRead(currentUser(req).id),
  );
  app.post<{ Params: { id: string } }>(
    '/api/notifications/:id/read',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark one of my notifications read (idempotent)',
        params: IdParam,
        response: { 200: NotificationSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => notifications.markRead(currentUser(req).id, req.params.id),
  );
  app.get(
    '/api/notifications/preferences',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Which kinds of notification I receive in the app',
        response: { 200: PreferencesResponse, 401: ErrorRef },
      },
    },
    async (req) => notifications.preferences(currentUser(req).id),
  );
  app.put<{ Body: Partial<Preferences> }>(
    '/api/notifications/preferences',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Switch kinds on or off (kinds left out keep their setting); a kind switched off creates nothing',
        body: PreferencesBody,
        response: { 200: PreferencesResponse, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) => notifications.setPreferences(currentUser(req).id, req.body),
  );
}
