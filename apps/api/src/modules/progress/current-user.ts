/**
 * The signed-in user as the auth plugin sets it on `req.user`. Routes still declare `config.access`
 * (the plugin enforces it); this guard makes each handler safe on its own and gives it a typed user.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

export type Role = 'learner' | 'mentor' | 'admin';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function currentUser(req: FastifyRequest): CurrentUser {
  const user = (req as unknown as { user?: CurrentUser | null }).user;
  if (!user) throw new AppError('unauthorized', 'Sign in to use this.');
  return user;
}
