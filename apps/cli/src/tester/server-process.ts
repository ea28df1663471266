/**
 * Starts, watches and stops the learner's server. It runs in its own process group so a SIGTERM
 * reaches the real server even behind `go run` or `npm start`, and its stdout is kept for the log checks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { CliError, EXIT } from '../exit-codes.ts';
import { send } from './http-client.ts';
import type { ProjectConfig } from './project-config.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the tester had to SIGKILL it after the grace period. */
  killed: boolean;
}

const TAIL = 40;
/** How many stderr lines a crash report shows. */
export const STDERR_TAIL = 20;

export class ServerProcess {
  readonly config: ProjectConfig;
  readonly port: number;
  /** Every stdout line of every run, for the structured-logs check. */
  readonly stdoutLines: string[] = [];
  private tail: string[] = [];
  private stderrTail: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<ExitInfo> | undefined;
  /** Set while the tester itself stops the server, so an exit then is not a crash. */
  private stopping = false;

  constructor(config: ProjectConfig, port: number) {
    this.config = config;
    this.port = port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  outputTail(): string {
    return this.tail.join('\n');
  }

  /** The last lines the server wrote to stderr (at most STDERR_TAIL), for a crash report. */
  lastStderr(): string[] {
    return [...this.stderrTail];
  }

  /**
   * When the server exited without the tester asking it to (a crash), how it ended; waits up to
   * `waitMs` because the exit event can arrive just after the failed request's socket error.
   */
  async unexpectedExit(waitMs = 1_000): Promise<ExitInfo | undefined> {
    if (!this.exited || this.stopping) return undefined;
    const info = await Promise.race([
      this.exited,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), waitMs).unref()),
    ]);
    return this.stopping ? undefined : info;
  }

  async start(): Promise<void> {
    const [program, ...args] = this.config.command as [string, ...string[]];
    this.stopping = false;
    this.stderrTail = [];
    const child = spawn(program, args, {
      cwd: this.config.dir,
      env: { ...process.env, ...this.config.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    let killed = false;
    const collect = (stream: NodeJS.ReadableStream, keep: boolean) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.pushLine(line, keep);
      });
      stream.on('end', () => partial && this.pushLine(partial, keep));
    };
    collect(child.stdout!, true);
    collect(child.stderr!, false);
    this.exited = new Promise((resolve) => {
      child.on('error', (err) => {
        this.tail.push(`could not run ${program}: ${err.message}`);
        resolve({ code: null, signal: null, killed });
      });
      child.on('exit', (code, signal) => resolve({ code, signal, killed }));
    });
    this.markKilled = () => {
      killed = true;
    };
    await this.waitUntilReady();
  }

  private markKilled = () => {};

  private pushLine(line: string, keep: boolean) {
    if (keep) this.stdoutLines.push(line);
    else {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
    }
    this.tail.push(line);
    if (this.tail.length > TAIL) this.tail.shift();
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + this.config.startTimeout * 1000;
    let exitInfo: ExitInfo | undefined;
    let lastStatus: number | undefined;
    void this.exited?.then((info) => {
      exitInfo = info;
    });
    while (Date.now() < deadline) {
      if (exitInfo) break;
      const status = await send(this.baseUrl, { method: 'GET', path: this.config.readiness, timeoutMs: 1000 }).then(
        (r) => r.status,
        () => undefined,
      );
      // 404/405: the server is up but has no such route; stage 1 reports that better than a timeout would.
      if (status !== undefined && ((status >= 200 && status < 300) || status === 404 || status === 405)) return;
      if (status !== undefined) lastStatus = status;
      await new Promise((r) => setTimeout(r, 100));
    }
    const what = exitInfo
      ? `Your server exited before it was ready (exit code ${exitInfo.code ?? exitInfo.signal}).`
      : `Your server did not answer 2xx on GET ${this.config.readiness} at ${this.baseUrl} within ${this.config.startTimeout} s${lastStatus ? ` (its last answer was ${lastStatus})` : ''}.`;
    await this.stop();
    throw new CliError(
      EXIT.serverUnreachable,
      `${what}\nCommand: ${this.config.command.join(' ')} (in ${this.config.dir}, PORT=${this.port})\nLast output:\n${this.outputTail() || '(none)'}`,
      'Run the command yourself and check it listens on the port in the PORT environment variable.',
    );
  }

  /** Sends `signal` to the whole process group and waits up to `graceMs` before SIGKILL. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<ExitInfo> {
    const child = this.child;
    if (!child || !this.exited) return { code: null, signal: null, killed: false };
    this.stopping = true;
    if (this.running && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
      const timer = setTimeout(() => {
        this.markKilled();
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, graceMs);
      const info = await this.exited;
      clearTimeout(timer);
      return info;
    }
    return this.exited;
  }

  /**
   * When the tester itself is interrupted: SIGKILL the server's process group and wait (briefly) until
   * it is gone, so its port is free by the time the tester exits.
   */
  async killAndWait(timeoutMs = 3_000): Promise<void> {
    if (!this.running) return;
    this.killNow();
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /** Synchronous last resort: never leave the server running. */
  killNow(): void {
    if (this.running && this.child?.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {}
    }
  }

  async restart(): Promise<void> {
    const info = await this.stop();
    if (info.killed) throw new CliError(EXIT.serverUnreachable, 'Your server did not stop within 10 s of SIGTERM.');
    await this.start();
  }
}
