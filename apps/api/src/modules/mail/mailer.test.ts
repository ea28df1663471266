import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { buildAuthApp, freshEmail, PASSWORD, post } from '../auth/auth-test-kit.ts';
import { readOutbox } from './mailer.ts';

// Delivery happens after the answer; on a loaded machine it can take seconds, hence the long waits.

/** Just enough SMTP (RFC 5321) to accept messages, so the nodemailer path runs with no network. */
function fakeSmtp(received: string[], greeting?: Promise<void>): Promise<{ server: Server; port: number }> {
  const server = createServer(async (socket) => {
    let data = false;
    let buffer = '';
    // A slow mail server: nothing happens until the test lets it greet.
    await greeting;
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      while (true) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake.smtp\r\n');
        else if (verb === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r({ server, port: (server.address() as AddressInfo).port })),
  );
}

describe('mail through SMTP when SMTP_URL is set', () => {
  let t: TestApp;
  let smtp: Server;
  const received: string[] = [];
  beforeAll(async () => {
    const fake = await fakeSmtp(received);
    smtp = fake.server;
    t = await buildAuthApp('pglite', {
      env: { SMTP_URL: `smtp://127.0.0.1:${fake.port}`, MAIL_FROM: 'Backpath <noreply@backpath.test>' },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => smtp.close(r));
  });

  it('delivers the verification mail over SMTP and records it as sent', async () => {
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Smtp' });
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 15_000 });
    expect(received[0]).toContain(`To: ${email}`);
    expect(received[0]).toContain('Subject: Confirm your email for Backpath');
    expect(received[0]).toContain('noreply@backpath.test');
    await vi.waitFor(
      async () => {
        const [row] = await readOutbox(t.db, { to: email });
        expect(row).toMatchObject({ transport: 'smtp', error: null });
        expect(row!.sentAt).not.toBeNull();
      },
      { timeout: 15_000 },
    );
  });
});

describe('mail through a slow SMTP server', () => {
  it('answers a password-reset request without waiting for the mail server', async () => {
    const received: string[] = [];
    let greet = () => {};
    const greeting = new Promise<void>((resolve) => {
      greet = resolve;
    });
    const fake = await fakeSmtp(received, greeting);
    const t = await buildAuthApp('pglite', { env: { SMTP_URL: `smtp://127.0.0.1:${fake.port}` } });
    try {
      const email = freshEmail();
      await t.db.query(
        `INSERT INTO users (id, email, name, email_verified_at) VALUES ('slow-smtp-user', $1, 'Slow', now())`,
        [email],
      );
      // Answered while the mail server has not even said hello: a known address costs the same wait
      // as an unknown one, so the response time does not reveal which addresses have accounts.
      const res = await post(t, '/api/auth/password-reset/request', { email });
      expect(res.statusCode).toBe(202);
      expect(received).toHaveLength(0);
      // The reset mail is composed after the answer; it waits in the outbox for the mail server.
      await vi.waitFor(
        async () => {
          const [queued] = await readOutbox(t.db, { to: email });
          expect(queued).toMatchObject({ transport: 'smtp', sentAt: null, error: null });
        },
        { timeout: 15_000 },
      );

      greet();
      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 15_000 });
      expect(received[0]).toContain('Subject: Reset your Backpath password');
    } finally {
      greet();
      await t.close();
      await new Promise((r) => fake.server.close(r));
    }
  });
});

describe('mail when the SMTP server is down', () => {
  it('keeps the message in the outbox with the error instead of dropping it', async () => {
    const t = await buildAuthApp('pglite', { env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    const email = freshEmail();
    const res = await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Down' });
    expect(res.statusCode).toBe(202);
    await vi.waitFor(
      async () => {
        const [row] = await readOutbox(t.db, { to: email });
        expect(row).toMatchObject({ transport: 'smtp', sentAt: null });
        expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
      },
      { timeout: 15_000 },
    );
    await t.close();
  });
});
