/**
 * One Python grading child: `node --permission` running child/python-runner.mts (inside a network
 * namespace when `isolation` has one), with an empty environment, no stdin/stdout, stderr kept for
 * diagnostics, and fd 3 as the only channel. The parent owns its lifetime: it is killed with SIGKILL
 * at the time limit, when its RSS passes the memory ceiling, and after its one grading.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Isolation } from './isolation.ts';

const RUNNER = fileURLToPath(new URL('./child/python-runner.mts', import.meta.url));
const CHILD_DIR = dirname(RUNNER);
const PYODIDE_DIR = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
/** A line longer than this from the child is not a message we sent: the child is killed. */
const MAX_LINE = 4 * 1024 * 1024;
const MAX_STDERR = 4_096;
const RSS_POLL_MS = 20;

/**
 * Node flags for the child. `--permission` with read access to the Pyodide package and the child's
 * two files only: no file writes, child processes, workers, addons, WASI or inspector. Strings are
 * never compiled to code (Pyodide needs neither eval nor new Function, measured on 314.0.8), so
 * `js.Function("…")` and `pyodide.code.run_js` fail. The V8 heap is capped as well: learner Python
 * can allocate JS objects through `js`, and those do not count against the WebAssembly cap.
 */
export const CHILD_FLAGS = [
  '--permission',
  `--allow-fs-read=${PYODIDE_DIR}/`,
  `--allow-fs-read=${CHILD_DIR}/`,
  '--disallow-code-generation-from-strings',
  '--max-old-space-size=256',
];

export type ChildMessage = Record<string, unknown> & { t: string };

export type StopReason = 'time_limit' | 'memory_limit' | 'closed';

export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the parent killed it, and why. */
  stopped?: StopReason;
  stderr: string;
  /** Highest RSS seen while polling, in bytes. */
  peakRss: number;
}

export class PythonProcess {
  readonly pid: number | undefined;
  /** Resolves with the child's RSS (bytes) once Pyodide is loaded and the realm is locked down. */
  readonly ready: Promise<number>;
  readonly ended: Promise<ChildEnd>;
  readonly #child: ChildProcess;
  readonly #channel: Writable & Readable;
  readonly #messages: ChildMessage[] = [];
  #waiter: ((message: ChildMessage | undefined) => void) | undefined;
  #buffer = '';
  #stderr = '';
  #stopped: StopReason | undefined;
  #end: ChildEnd | undefined;
  #poll: NodeJS.Timeout | undefined;
  #peakRss = 0;

  constructor(isolation: Isolation) {
    const [command, ...prefix] = [...isolation.prefix, process.execPath];
    this.#child = spawn(command!, [...prefix, ...CHILD_FLAGS, RUNNER, PYODIDE_DIR], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: {},
      cwd: '/',
    });
    this.pid = this.#child.pid;
    this.#channel = this.#child.stdio[3] as Writable & Readable;
    this.#channel.setEncoding('utf8');
    this.#channel.on('data', (chunk: string) => this.#onData(chunk));
    this.#channel.on('error', () => {});
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => {
      if (this.#stderr.length < MAX_STDERR) this.#stderr += chunk.slice(0, MAX_STDERR - this.#stderr.length);
    });
    this.ended = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.#end) return;
        clearInterval(this.#poll);
        this.#end = { code, signal, stderr: this.#stderr, peakRss: this.#peakRss };
        if (this.#stopped) this.#end.stopped = this.#stopped;
        this.#deliver(undefined);
        resolve(this.#end);
      };
      this.#child.on('close', finish);
      this.#child.on('error', (error) => {
        this.#stderr += String(error);
        finish(null, null);
      });
    });
    this.ready = this.next().then((message) => {
      if (message?.t !== 'ready') throw new Error(`Python child did not start: ${this.#stderr.slice(0, 500)}`);
      return typeof message.rssBytes === 'number' ? message.rssBytes : 0;
    });
    this.ready.catch(() => this.kill('closed'));
  }

  /** The next message from the child, or undefined once it has ended. */
  next(): Promise<ChildMessage | undefined> {
    const queued = this.#messages.shift();
    if (queued || this.#end) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  send(message: Record<string, unknown>): void {
    if (!this.#end) this.#channel.write(`${JSON.stringify(message)}\n`);
  }

  /** Kills the child with SIGKILL if its RSS passes `ceiling` bytes (checked every 20 ms). */
  watchMemory(ceiling: number): void {
    const pid = this.pid;
    if (pid === undefined || this.#end) return;
    this.#poll = setInterval(async () => {
      const rss = await readRss(pid);
      this.#peakRss = Math.max(this.#peakRss, rss);
      if (rss > ceiling) this.kill('memory_limit');
    }, RSS_POLL_MS);
    this.#poll.unref();
  }

  kill(reason: StopReason): void {
    if (this.#end) return;
    this.#stopped ??= reason;
    this.#child.kill('SIGKILL');
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    for (let newline = this.#buffer.indexOf('\n'); newline >= 0; newline = this.#buffer.indexOf('\n')) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        message = undefined;
      }
      if (typeof message !== 'object' || message === null || typeof (message as ChildMessage).t !== 'string') {
        this.#stderr += '\n[parent] malformed message from the child';
        this.kill('closed');
        return;
      }
      this.#deliver(message as ChildMessage);
    }
    if (this.#buffer.length > MAX_LINE) {
      this.#stderr += '\n[parent] oversized message from the child';
      this.kill('closed');
    }
  }

  #deliver(message: ChildMessage | undefined): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(message);
    } else if (message) this.#messages.push(message);
  }
}

/** Resident set size of a process in bytes (Linux /proc; 0 elsewhere or once it is gone). */
export async function readRss(pid: number): Promise<number> {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1]) * 4096;
  } catch {
    return 0;
  }
}
