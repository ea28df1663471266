/**
 * Outgoing mail. Every message is first written to the `mail_outbox` table; with SMTP_URL set it
 * is then sent through nodemailer, otherwise it stays in the outbox (logged, readable by tests
 * and by `npm run mail:outbox`) — mail is never silently dropped.
 *
 * SMTP delivery happens after `send()` returns: a request never waits on a mail server. `sendLater()`
 * goes further and moves the whole composition (looking the account up, issuing its token, writing
 * the outbox row) after the response, so a password-reset request answers in the same time whether
 * or not the address has an account.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * A link that may be printed in the server log when there is no mail server (the operator's only
   * channel then). Only for links that cannot take over an account: never a password-reset link.
   */
  loggableLink?: string;
}

export interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
  transport: 'smtp' | 'outbox';
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

/** Settles when `reply`'s response has been sent (or the connection closed first). */
export function responseSent(reply: { raw: NodeJS.EventEmitter }): Promise<void> {
  return new Promise((resolve) => {
    reply.raw.once('finish', resolve);
    reply.raw.once('close', resolve);
  });
}

/** Every app's mailer by its database, so tests can wait for mail composed after a response. */
const mailers = new WeakMap<Database, Mailer>();

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

export class Mailer {
  private readonly db: Database;
  private readonly from: string;
  private readonly log: FastifyBaseLogger | undefined;
  private readonly smtpUrl: string | undefined;
  private transport: Promise<Transport> | undefined;
  private readonly deliveries = new Set<Promise<void>>();

  constructor(opts: { db: Database; from: string; smtpUrl: string | undefined; log?: FastifyBaseLogger }) {
    this.db = opts.db;
    this.from = opts.from;
    this.smtpUrl = opts.smtpUrl;
    this.log = opts.log;
    mailers.set(opts.db, this);
  }

  /** The mailer of the app that uses `db` (tests wait on its `idle()` before reading the outbox). */
  static of(db: Database): Mailer | undefined {
    return mailers.get(db);
  }

  /** True when mail stays in the outbox because no SMTP server is configured. */
  get keepsMail(): boolean {
    return !this.smtpUrl;
  }

  /**
   * Composes and sends a mail once `answered` settles (the response has gone out): `compose` may look
   * things up and write (issue a token) and returns the mail, or undefined for none. The embedded
   * database runs on this thread, so starting any earlier would still delay the answer. Failures
   * are logged, never thrown to the request; `idle()` and shutdown wait for it like a delivery.
   */
  sendLater(what: string, answered: Promise<unknown>, compose: () => Promise<Mail | undefined>): void {
    const task = (async () => {
      await answered;
      // One more turn of the event loop, so whatever waits on the response (a test's inject) runs first.
      await new Promise((resolve) => setImmediate(resolve));
      const mail = await compose();
      if (mail) await this.send(mail);
    })()
      .catch((err) => this.log?.error({ err: { message: String((err as Error).message) } }, `${what} failed`))
      .finally(() => this.deliveries.delete(task));
    this.deliveries.add(task);
  }

  async send(mail: Mail): Promise<void> {
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO mail_outbox (to_address, subject, body, transport) VALUES ($1, $2, $3, $4) RETURNING id',
      [mail.to, mail.subject, mail.text, this.smtpUrl ? 'smtp' : 'outbox'],
    );
    if (!this.smtpUrl) {
      // The body may hold a password-reset link, so only the envelope is logged, plus a link marked safe.
      if (mail.loggableLink) {
        this.log?.info(
          { mailId: row?.id, subject: mail.subject, to: mail.to, link: mail.loggableLink },
          `no mail server: the confirmation link for ${mail.to} is ${mail.loggableLink} (admins also see it on the Outbox page)`,
        );
      } else {
        this.log?.info(
          { mailId: row?.id, subject: mail.subject },
          'no mail server: mail kept in the outbox (admins see it on the Outbox page)',
        );
      }
      return;
    }
    const delivery = this.deliver(row!.id, mail).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /** Resolves when every SMTP delivery started so far has finished (sent or recorded as failed). */
  async idle(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
  }

  private async deliver(id: number, mail: Mail): Promise<void> {
    try {
      await (await this.smtp()).sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
      await this.db.query('UPDATE mail_outbox SET sent_at = now() WHERE id = $1', [id]);
    } catch (err) {
      // Kept in the outbox with the error so an admin can see and resend it; the user's request still succeeded.
      const message = String((err as Error).message);
      await this.db.query('UPDATE mail_outbox SET error = $2 WHERE id = $1', [id, message]).catch(() => {});
      this.log?.error({ mailId: id, err: { message } }, 'SMTP delivery failed');
    }
  }

  private smtp(): Promise<Transport> {
    this.transport ??= (async () => {
      // nodemailer ships no types; a computed specifier keeps TypeScript from demanding them.
      const specifier = 'nodemailer';
      const mod = (await import(specifier)) as { default: { createTransport(url: string): Transport } };
      return mod.default.createTransport(this.smtpUrl!);
    })();
    return this.transport;
  }
}

/** The newest messages first; `to` filters by address (case-insensitive). */
export async function readOutbox(db: Database, opts: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, to_address, subject, body, transport, created_at, sent_at, error FROM mail_outbox
     WHERE ($1::text IS NULL OR lower(to_address) = lower($1)) ORDER BY id DESC LIMIT $2`,
    [opts.to ?? null, opts.limit ?? 50],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    to: String(r.to_address),
    subject: String(r.subject),
    body: String(r.body),
    transport: r.transport as OutboxMessage['transport'],
    createdAt: new Date(r.created_at as string).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at as string).toISOString() : null,
    error: (r.error as string | null) ?? null,
  }));
}
