/** What `/api/me` answers: the public account plus the settings the web app needs to show the right actions. */
import { Type } from 'typebox';
import { PublicUser } from '../auth/auth.schemas.ts';
import { publicUser, type UserRow } from '../auth/users.repository.ts';

export const MeUser = Type.Object({
  ...PublicUser.properties,
  /** Whether two-factor sign-in is on (a set-up that was never confirmed counts as off). */
  twoFactorEnabled: Type.Boolean(),
});

export const meView = (user: UserRow) => ({ ...publicUser(user), twoFactorEnabled: user.totpEnabledAt !== null });
