/** Request and response schemas of the notification endpoints (what the OpenAPI document at /docs shows). */
import { Type } from 'typebox';
import { NOTIFICATION_KINDS } from './notifications.repository.ts';

export const Kind = Type.Union(
  NOTIFICATION_KINDS.map((k) => Type.Literal(k)),
  { description: 'comment | reply | review_due | credential' },
);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  title: Type.String(),
  body: Type.String({ description: 'Plain text, short' }),
  link: Type.String({ description: 'A path in the web app' }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true: unread ones only' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const ListResponse = Type.Object({
  items: Type.Array(NotificationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

const Preference = Type.Object(
  { inApp: Type.Boolean({ description: 'Show this kind in the app' }) },
  {
    additionalProperties: false,
  },
);

export const PreferencesResponse = Type.Object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Preference])) as Record<
    (typeof NOTIFICATION_KINDS)[number],
    typeof Preference
  >,
);

/** Any subset of the kinds; the ones left out keep their setting. */
export const PreferencesBody = Type.Partial(PreferencesResponse, { additionalProperties: false, minProperties: 1 });
