/**
 * `npm run mail:outbox [-- --to a@b.c] [--limit 10] [--token <an admin's API token>]`: prints the
 * mail the server wrote, newest first.
 *
 * The embedded database cannot be shared: a second process opening `DATA_DIR` while the server
 * runs sees an old copy. So when a server answers on HOST:PORT, this asks the server itself
 * (`GET /api/admin/mail-outbox` with an admin's token from `--token` or BACKPATH_TOKEN), or, without
 * a token, says where to look instead of printing stale mail. With the server stopped, or on
 * PostgreSQL (which any number of processes share), it reads the database directly.
 */
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { type OutboxMessage, readOutbox } from '../modules/mail/mailer.ts';

const { values } = parseArgs({
  options: { to: { type: 'string' }, limit: { type: 'string', default: '10' }, token: { type: 'string' } },
});
const config = loadConfig();
const limit = Number(values.limit) || 10;
const token = values.token ?? process.env.BACKPATH_TOKEN;

/** Where a server started with this configuration listens, from this machine. */
function localUrl(c: Config): string {
  const host = c.host === '0.0.0.0' || c.host === '::' ? '127.0.0.1' : c.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${c.port}`;
}

async function serverAnswers(url: string): Promise<boolean> {
  try {
    // Nothing listening is refused at once; the limit is for a server too busy to answer quickly.
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

function print(mails: OutboxMessage[]): void {
  if (mails.length === 0) console.log('The outbox is empty.');
  for (const m of mails) {
    const state =
      m.transport === 'outbox' ? 'kept (no SMTP_URL)' : m.sentAt ? `sent ${m.sentAt}` : `not sent: ${m.error}`;
    console.log(`#${m.id} ${m.createdAt} to ${m.to} — ${state}\nSubject: ${m.subject}\n\n${m.body}\n${'-'.repeat(60)}`);
  }
}

async function fromServer(url: string, apiToken: string): Promise<number> {
  const query = new URLSearchParams({ limit: String(Math.min(limit, 200)), ...(values.to ? { to: values.to } : {}) });
  const res = await fetch(`${url}/api/admin/mail-outbox?${query}`, {
    headers: { authorization: `Bearer ${apiToken}` },
  });
  const body = (await res.json().catch(() => ({}))) as { messages?: OutboxMessage[]; error?: { message: string } };
  if (!res.ok || !body.messages) {
    console.error(`The server at ${url} answered ${res.status}: ${body.error?.message ?? 'no outbox'}`);
    console.error("The token must be an admin's API token (Account → API tokens, read scope is enough).");
    return 1;
  }
  print(body.messages);
  return 0;
}

async function fromDatabase(): Promise<number> {
  // Loaded only here: the embedded database's engine takes a while to load, and asking a server needs none of it.
  const { openDatabase } = await import('../db/client.ts');
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    print(await readOutbox(db, { ...(values.to ? { to: values.to } : {}), limit }));
    return 0;
  } finally {
    await db.close();
  }
}

const url = localUrl(config);
if (await serverAnswers(url)) {
  if (token) process.exitCode = await fromServer(url, token);
  else if (config.databaseUrl) process.exitCode = await fromDatabase();
  else {
    console.error(
      [
        `A Backpath server is running at ${url} and holds the embedded database in ${config.dataDir}.`,
        'Reading that directory from a second process would show an old copy of the outbox, so this command does not.',
        'Instead, either:',
        `  - open ${config.publicUrl}/admin/outbox signed in as an admin (the first account is one), or`,
        "  - run npm run mail:outbox -- --token <an admin's API token> (create one on Account → API tokens), or",
        '  - stop the server and run this command again.',
        'Confirmation links are also printed in the server log.',
      ].join('\n'),
    );
    process.exitCode = 2;
  }
} else {
  process.exitCode = await fromDatabase();
}
