/** What the journeys share: the server, the mail catcher, the browser and the people in the story. */
import type { BrowserContext, Page } from 'playwright-core';
import type { SqlExercise } from '../lib/content.ts';
import type { MailCatcher } from '../lib/mail-catcher.ts';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export interface JourneyContext {
  url: string;
  mail: MailCatcher;
  newContext: () => Promise<BrowserContext>;
  learner: Person;
  mentor: Person & { setPasswordLink: string };
  exercise: SqlExercise;
  /** The learner's browser tab, kept across journeys as one person's session. */
  learnerPage?: Page;
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
