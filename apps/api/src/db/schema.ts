/**
 * The typed view of the PostgreSQL schema for Drizzle queries. The SQL migrations in
 * `migrations/` are the source of truth; `schema.test.ts` fails when the two drift apart.
 */
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
