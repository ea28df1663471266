/** Stage 11: a container file that passes the Dockerfile rules, JSON logs on stdout, graceful shutdown on SIGTERM. */
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { StageContext } from '../context.ts';
import { checkDockerfile } from '../dockerfile-rules.ts';
import { expectTrue } from '../expect.ts';
import { randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

/** Sends a request in two halves with a pause between, so it is in flight when SIGTERM arrives. */
function slowRequest(port: number, head: string, first: string, rest: string, pauseMs: Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      answer += d;
    });
    socket.on('error', (err) => reject(err));
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => {
      socket.write(head + first);
      void pauseMs.then(() => socket.write(rest));
    });
  });
}

export const operationsStage: Stage = {
  number: 11,
  id: 'bookmarks-operations',
  title: 'Operations: container, logs, graceful shutdown',
  async run(ctx: StageContext) {
    await ctx.check('the project folder has a Dockerfile that passes the container rules', async () => {
      if (!ctx.projectDir)
        ctx.fail('No project folder: run without --url (or pass --dir) so the tester can read your Dockerfile.');
      const source = await readFile(path.join(ctx.projectDir, 'Dockerfile'), 'utf8').catch(() => undefined);
      if (source === undefined)
        ctx.fail(`No Dockerfile in ${ctx.projectDir}. Add one that builds and runs your server.`);
      const failed = (await checkDockerfile(source, ctx.language, ctx.server?.config.port ?? 8080)).filter(
        (r) => !r.passed,
      );
      expectTrue(
        failed.length === 0,
        `Dockerfile rules failed:\n${failed.map((r) => `    - ${r.rule}: ${r.message}`).join('\n')}`,
      );
    });
    await ctx.check('stdout carries structured logs: one JSON object per line, with a line per request', async () => {
      if (!ctx.server)
        return ctx.fail("The tester reads your server's stdout, so it must start it: run without --url.");
      const lines = ctx.server.stdoutLines.filter((l) => l.trim() !== '');
      expectTrue(lines.length > 0, 'Your server wrote nothing to stdout. Log one JSON line per request.');
      const bad = lines.find((l) => {
        try {
          const v = JSON.parse(l);
          return typeof v !== 'object' || v === null || Array.isArray(v);
        } catch {
          return true;
        }
      });
      expectTrue(
        bad === undefined,
        `This stdout line is not a JSON object: ${bad?.slice(0, 200)}`,
        'Write human text to stderr, or log it as {"level":"info","msg":"..."}.',
      );
      const requestLine = lines.some((l) => {
        const v = JSON.parse(l) as Record<string, unknown>;
        return 'method' in v && 'path' in v && 'status' in v;
      });
      expectTrue(
        requestLine,
        'No log line has "method", "path" and "status": log one line per request with those fields.',
      );
    });
    await ctx.check('on SIGTERM the server finishes the request in flight, then exits with code 0', async () => {
      if (!ctx.server)
        return ctx.fail('The tester sends SIGTERM to your server, so it must start it: run without --url.');
      const body = JSON.stringify(randomBookmark(ctx, [`${ctx.runTag}-shutdown`]));
      const auth = ctx.account ? `Authorization: Bearer ${ctx.account.token}\r\n` : '';
      const head = `POST /bookmarks HTTP/1.1\r\nHost: 127.0.0.1:${ctx.server.port}\r\nContent-Type: application/json\r\n${auth}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
      const half = Math.floor(body.length / 2);
      let release: () => void = () => {};
      const paused = new Promise<void>((r) => {
        release = r;
      });
      const answer = slowRequest(ctx.server.port, head, body.slice(0, half), body.slice(half), paused);
      // Long enough for even a slow server to accept the connection and read the headers.
      await new Promise((r) => setTimeout(r, 500));
      const exited = ctx.server.stop('SIGTERM', 10_000);
      await new Promise((r) => setTimeout(r, 300));
      release();
      const text = await answer.catch((err: Error) => `(connection error: ${err.message})`);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      const info = await exited;
      expectTrue(
        status === '201',
        `The request in flight when SIGTERM arrived got ${status ? `status ${status}` : `no answer (${text.slice(0, 80) || 'connection closed'})`}, expected 201.`,
        `On SIGTERM stop accepting new connections, let running requests finish, then exit. In ${ctx.language.label}: ${ctx.language.sigterm}.`,
      );
      expectTrue(!info.killed, 'Your server was still running 10 s after SIGTERM; the tester had to kill it.');
      expectTrue(
        info.code === 0,
        `After SIGTERM your server exited with ${info.code === null ? `signal ${info.signal}` : `code ${info.code}`}, expected code 0.`,
        `Handle SIGTERM yourself: close the server, then exit with code 0. In ${ctx.language.label}: ${ctx.language.sigterm}.`,
      );
    });
  },
};
