/** Request and response shapes of the account endpoints (closed objects: unknown fields are a 400). */
import { Type } from 'typebox';
import { PASSWORD_MAX } from './password-policy.ts';

/** ASCII addresses only (ajv's `email` format); 254 is the SMTP path limit. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Any printable text: no control characters and no bidi overrides that could disguise a name. */
export const Name = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^(?=.*\\S)[^\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]+$',
});
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX });
export const Secret = Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });
export const TotpCode = Type.String({ pattern: '^\\d{6}$' });
export const RecoveryCode = Type.String({ pattern: '^[0-9a-fA-F]{5}-?[0-9a-fA-F]{5}$' });
export const Role = Type.Union([Type.Literal('learner'), Type.Literal('mentor'), Type.Literal('admin')]);

export const PublicUser = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: Role });
export const Message = Type.Object({ message: Type.String() });

/** `next`: sign in now (the first account, no mail server), follow the mailed link, or ask the admin for it. */
export const SignUpAnswer = Type.Object({
  message: Type.String(),
  next: Type.Union([Type.Literal('sign-in'), Type.Literal('check-email'), Type.Literal('ask-admin')]),
});
export const SignUpInfo = Type.Object({
  mailServer: Type.Boolean({ description: 'false: mail stays in the outbox, which admins read in the web app' }),
  firstAccount: Type.Boolean({
    description: 'true: no account exists yet, and without a mail server the next sign-up becomes the admin',
  }),
});
export const SignUpBody = Type.Object({ email: Email, password: Password, name: Name });
export const SignInBody = Type.Object({ email: Email, password: Password });
export const SignInAnswer = Type.Union([
  Type.Object({ user: PublicUser }),
  Type.Object({ twoFactorRequired: Type.Literal(true), challenge: Type.String() }),
]);
export const TwoFactorVerifyBody = Type.Object({
  challenge: Secret,
  code: Type.Optional(TotpCode),
  recoveryCode: Type.Optional(RecoveryCode),
});

export const Session = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});
export const SessionList = Type.Object({ sessions: Type.Array(Session) });
export const IdParams = (name: string) =>
  Type.Object({ [name]: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false });

export const TokenBody = Type.Object({ token: Secret });
export const ResetRequestBody = Type.Object({ email: Email });
export const ResetConfirmBody = Type.Object({ token: Secret, password: Password });
