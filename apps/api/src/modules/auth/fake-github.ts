/**
 * A local stand-in for GitHub's OAuth and REST endpoints (no network in tests): it checks the
 * client credentials and the PKCE verifier against the challenge the authorize step carried.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithubUser {
  id: number;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export class FakeGithub {
  readonly clientId = 'fake-client-id';
  readonly clientSecret = 'fake-client-secret';
  private readonly codes = new Map<string, { challenge: string; user: FakeGithubUser }>();
  private readonly tokens = new Map<string, FakeGithubUser>();
  private server: Server | undefined;
  url = '';
  tokenRequests = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const send = (status: number, data: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(data));
        };
        if (req.method === 'POST' && req.url === '/login/oauth/access_token') {
          this.tokenRequests++;
          const p = JSON.parse(body) as Record<string, string>;
          const grant = this.codes.get(p.code ?? '');
          this.codes.delete(p.code ?? '');
          const verified =
            grant &&
            createHash('sha256')
              .update(p.code_verifier ?? '')
              .digest('base64url') === grant.challenge;
          if (p.client_id !== this.clientId || p.client_secret !== this.clientSecret || !grant || !verified) {
            return send(200, { error: 'bad_verification_code' });
          }
          const token = randomBytes(16).toString('hex');
          this.tokens.set(token, grant.user);
          return send(200, { access_token: token, token_type: 'bearer' });
        }
        const user = this.tokens.get(String(req.headers.authorization).replace('Bearer ', ''));
        if (!user) return send(401, { message: 'Bad credentials' });
        if (req.url === '/user') return send(200, { id: user.id, login: user.login, name: user.name });
        if (req.url === '/user/emails') return send(200, user.emails);
        return send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What GitHub does when the user clicks "Authorize": remembers the challenge, returns a code. */
  authorize(codeChallenge: string, user: FakeGithubUser): string {
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { challenge: codeChallenge, user });
    return code;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
