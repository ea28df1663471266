/** What the account modules need from the app, built once in `app.ts` and passed to each route plugin. */
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { RateLimiter } from '../../plugins/rate-limit.ts';
import type { Mailer } from '../mail/mailer.ts';

export interface AuthDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
  limiter: RateLimiter;
  /** The curriculum version served, stamped on a learner's data export. */
  contentVersion: string;
}

/** A link into the web app (which posts the token back to the API). */
export function appLink(config: Config, path: string, token: string): string {
  return `${config.publicUrl}${path}#token=${encodeURIComponent(token)}`;
}
