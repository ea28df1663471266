/** `backpath login` (device authorization or --token), `logout` and `whoami`. */
import type { Command } from 'commander';
import { ApiClient, ApiError } from '../api-client.ts';
import {
  clearCredentials,
  loadCredentials,
  requireToken,
  resolveServer,
  saveCredentials,
  saveServer,
} from '../config.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { makeColors, println } from '../output.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RFC 8628 polling: wait `interval`, back off 5 s on slow_down, stop on expiry or denial. */
async function deviceLogin(client: ApiClient): Promise<string> {
  const code = await client.deviceCode();
  const c = makeColors();
  println(`Open ${c.bold(code.verificationUri)} in your browser and enter the code ${c.bold(c.cyan(code.userCode))}`);
  println(c.dim(`Waiting for you to approve (the code expires in ${Math.round(code.expiresInSeconds / 60)} min)…`));
  let interval = Math.max(1, code.intervalSeconds) * 1000;
  const deadline = Date.now() + code.expiresInSeconds * 1000;
  const scale = Number(process.env.BACKPATH_POLL_SCALE ?? 1);
  while (Date.now() < deadline) {
    await sleep(interval * scale);
    try {
      return (await client.deviceToken(code.deviceCode)).token;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'authorization_pending') continue;
      if (err.code === 'slow_down') {
        interval += 5000;
        continue;
      }
      if (err.code === 'access_denied')
        throw new CliError(
          EXIT.apiError,
          'The login was denied in the browser.',
          'Run `backpath login` again if that was a mistake.',
        );
      if (err.code === 'expired_token') break;
      throw err;
    }
  }
  throw new CliError(
    EXIT.apiError,
    'The login code expired before it was approved.',
    'Run `backpath login` again and approve it within the time shown.',
  );
}

type Revocation = { kind: 'revoked' } | { kind: 'already-invalid' } | { kind: 'failed'; reason: string };

/**
 * Revokes the token on the server (`DELETE /api/tokens/current`). A 401 means it no longer works
 * anyway; anything else (unreachable, server error) leaves it live, with the reason.
 */
async function revokeOnServer(server: string, token: string): Promise<Revocation> {
  try {
    await new ApiClient(server, token).request('DELETE', '/api/tokens/current');
    return { kind: 'revoked' };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return { kind: 'already-invalid' };
    if (!(err instanceof CliError)) throw err;
    const reason = err instanceof ApiError ? `The server answered ${err.status}: ${err.message}` : err.message;
    return { kind: 'failed', reason: /[.!?]$/.test(reason) ? reason : `${reason}.` };
  }
}

export function registerAuth(program: Command): void {
  program
    .command('login')
    .description('log in to a Backpath server (opens a device code flow; or pass --token)')
    .option('--server <url>', 'the Backpath server (also BACKPATH_SERVER); remembered for later commands')
    .option('--token <token>', 'use an API token instead of the browser flow (for CI)')
    .action(async (flags: { server?: string; token?: string }) => {
      const server = await resolveServer(flags.server);
      const token = flags.token ?? (await deviceLogin(new ApiClient(server)));
      const me = await new ApiClient(server, token).me().catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401)
          throw new CliError(
            EXIT.apiError,
            'The server rejected this token.',
            'Check the token, or run `backpath login` without --token.',
          );
        throw err;
      });
      const file = await saveCredentials({ server, token, email: me.email });
      if (flags.server) await saveServer(server);
      println(
        `Logged in to ${server} as ${me.name} <${me.email}>. Credentials saved in ${file} (readable only by you).`,
      );
    });

  program
    .command('logout')
    .description('revoke the saved token on the server, then delete it from this computer')
    .action(async () => {
      const creds = await loadCredentials();
      if (!creds) {
        await clearCredentials();
        println('You were not logged in.');
        return;
      }
      const revocation = await revokeOnServer(creds.server, creds.token);
      await clearCredentials();
      if (revocation.kind === 'revoked') {
        println(`Logged out: the token was revoked on ${creds.server} and deleted from this computer.`);
        return;
      }
      if (revocation.kind === 'already-invalid') {
        println(`Logged out: ${creds.server} no longer accepted the token; it was deleted from this computer.`);
        return;
      }
      throw new CliError(
        EXIT.apiError,
        `The token was deleted from this computer but could NOT be revoked on ${creds.server}, so it still works there. ${revocation.reason}`,
        `Revoke it in the web app: sign in at ${creds.server}/account and delete it under Account → API tokens (a browser login's token is named "CLI (device login)").`,
      );
    });

  program
    .command('whoami')
    .description('show who you are logged in as')
    .option('--server <url>', 'the Backpath server')
    .action(async (flags: { server?: string }) => {
      const creds = await loadCredentials();
      const server =
        flags.server || process.env.BACKPATH_SERVER
          ? await resolveServer(flags.server)
          : (creds?.server ?? (await resolveServer()));
      const me = await new ApiClient(server, await requireToken(server)).me();
      println(`${me.name} <${me.email}> (${me.role}) on ${server}`);
    });
}
