/** `npm run mail:outbox [-- --to a@b.c] [--limit 10]`: prints the development outbox, newest first. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { readOutbox } from '../modules/mail/mailer.ts';

const { values } = parseArgs({ options: { to: { type: 'string' }, limit: { type: 'string', default: '10' } } });
const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const mails = await readOutbox(db, { ...(values.to ? { to: values.to } : {}), limit: Number(values.limit) || 10 });
  if (mails.length === 0) console.log('The outbox is empty.');
  for (const m of mails) {
    const state =
      m.transport === 'outbox' ? 'kept (no SMTP_URL)' : m.sentAt ? `sent ${m.sentAt}` : `not sent: ${m.error}`;
    console.log(`#${m.id} ${m.createdAt} to ${m.to} — ${state}\nSubject: ${m.subject}\n\n${m.body}\n${'-'.repeat(60)}`);
  }
} finally {
  await db.close();
}
