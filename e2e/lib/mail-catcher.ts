/**
 * A tiny SMTP server on loopback that keeps every message the API sends, so journeys can follow
 * the links in verification and reset mails exactly as a person would.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

export interface CaughtMail {
  to: string;
  raw: string;
  text: string;
}

/** Undoes quoted-printable soft line breaks and escapes, so links and codes read whole. */
export function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  #server: Server | undefined;
  #waiters: (() => void)[] = [];

  async start(): Promise<number> {
    this.#server = createServer((socket) => {
      let buffer = '';
      let inData = false;
      let to = '';
      socket.write('220 catcher ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        while (true) {
          if (inData) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end < 0) return;
            const raw = buffer.slice(0, end);
            buffer = buffer.slice(end + 5);
            inData = false;
            this.mails.push({ to, raw, text: decodeQuotedPrintable(raw) });
            for (const w of this.#waiters.splice(0)) w();
            socket.write('250 OK\r\n');
            continue;
          }
          const nl = buffer.indexOf('\r\n');
          if (nl < 0) return;
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250 catcher\r\n');
          else if (verb === 'RCPT') {
            to = /<([^>]+)>/.exec(line)?.[1] ?? '';
            socket.write('250 OK\r\n');
          } else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') {
            socket.end('221 bye\r\n');
          } else socket.write('250 OK\r\n');
        }
      });
      socket.on('error', () => {});
    });
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const addr = this.#server.address();
    return typeof addr === 'object' && addr ? addr.port : 0;
  }

  /** The newest single-use token mailed to `to` (from a link's `#token=` fragment). */
  async tokenFor(to: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mail = [...this.mails].reverse().find((m) => m.to.toLowerCase() === to.toLowerCase());
      const token = mail && /#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1];
      if (token) return decodeURIComponent(token);
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        setTimeout(r, 250);
      });
    }
    throw new Error(`no mail with a token reached ${to}`);
  }

  async stop(): Promise<void> {
    this.#server?.close();
  }
}
