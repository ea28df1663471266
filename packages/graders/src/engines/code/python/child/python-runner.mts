/**
 * The Python grading child (run by python-process.ts, never imported). It loads Pyodide, prepares the
 * harness, then locks its own JavaScript realm down before it reads a submission: no `process`, no
 * network modules, no fetch/WebSocket, a refusing module loader and a capped WebAssembly heap. It then
 * talks to the parent only through fd 3 with fs.readSync/fs.writeSync captured at startup, serves one
 * grading (visible group, then hidden group) and exits. Learner Python can still reach this realm
 * through `js` and `pyodide_js`; what matters is that nothing reachable there can do I/O (the parent
 * starts this file with `--permission`, and in a network namespace where the machine allows it).
 *
 * Plain erasable TypeScript with only node: imports, so Node runs it directly under `--permission`.
 */
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';

const CHANNEL = 3;
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const readFileSync = fs.readFileSync;
const exit = process.exit.bind(process);
const memoryUsage = process.memoryUsage.bind(process);
const parseJson = JSON.parse;
const stringify = JSON.stringify;
const fromEntries = Object.fromEntries;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const pyodideDir = process.argv[2] ?? '';
const harnessFile = new URL('./harness.py', import.meta.url);

function send(message: Record<string, unknown>): void {
  const bytes = encoder.encode(`${stringify(message)}\n`);
  let done = 0;
  while (done < bytes.length) done += writeSync(CHANNEL, bytes, done, bytes.length - done);
}

let pending = new Uint8Array(0);
/** Blocks until the parent sends a whole line; null when it closed the channel. */
function receive(): Record<string, unknown> | null {
  for (;;) {
    const newline = pending.indexOf(10);
    if (newline >= 0) {
      const line = decoder.decode(pending.subarray(0, newline));
      pending = pending.subarray(newline + 1);
      return parseJson(line);
    }
    const chunk = new Uint8Array(65_536);
    let read: number;
    try {
      read = readSync(CHANNEL, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as { code?: string }).code === 'EAGAIN') continue;
      throw error;
    }
    if (read === 0) return null;
    const joined = new Uint8Array(pending.length + read);
    joined.set(pending);
    joined.set(chunk.subarray(0, read), pending.length);
    pending = joined;
  }
}

// Pyodide's NODEFS asks for process.binding('constants'), which --permission refuses.
const withBinding = process as unknown as { binding: (name: string) => unknown };
const realBinding = withBinding.binding;
withBinding.binding = (name: string) => {
  if (name === 'constants') return { fs: fs.constants, os: os.constants };
  throw new Error(`process.binding(${name}) is not available`);
};

// The learner's heap: WebAssembly memory may grow only up to the grading's limit. Refusing a grow
// makes Python's allocator fail with MemoryError; `memoryRefused` keeps the verdict even if caught.
const grow = WebAssembly.Memory.prototype.grow;
let memoryCap = Number.POSITIVE_INFINITY;
let memoryRefused = false;
Object.defineProperty(WebAssembly.Memory.prototype, 'grow', {
  value: function cappedGrow(this: WebAssembly.Memory, pages: number) {
    if (this.buffer.byteLength + pages * 65_536 > memoryCap) {
      memoryRefused = true;
      throw new RangeError('memory limit');
    }
    return grow.call(this, pages);
  },
  writable: false,
  configurable: false,
});

// Printed output, one budget per grading, cut at the limit; past RUNAWAY_FACTOR x the limit the
// write fails so a print loop ends with an exception instead of running to the time limit.
const RUNAWAY_FACTOR = 8;
let outputBudget = 16_384;
let outputSeen = 0;
let outputParts: string[] = [];
let outputCut = false;
let outputRunaway = false;
function write(bytes: Uint8Array): number {
  outputSeen += bytes.length;
  if (outputSeen > outputBudget * RUNAWAY_FACTOR + 1024) {
    outputRunaway = true;
    throw new Error('output limit');
  }
  const used = outputParts.reduce((n, p) => n + p.length, 0);
  const room = Math.max(0, outputBudget - used);
  const text = decoder.decode(bytes);
  if (text.length > room) outputCut = true;
  outputParts.push(text.slice(0, room));
  return bytes.length;
}
function takeOutput(): { output: string; cut: boolean } {
  const taken = { output: outputParts.join(''), cut: outputCut };
  outputParts = [];
  outputCut = false;
  return taken;
}

const { loadPyodide } = (await import(`${pyodideDir}/pyodide.mjs`)) as typeof import('pyodide');
const pyodide = await loadPyodide({
  indexURL: `${pyodideDir}/`,
  stdin: () => null,
  env: { HOME: '/home/pyodide' },
});
pyodide.setStdout({ write });
pyodide.setStderr({ write });
pyodide.runPython(readFileSync(harnessFile, 'utf8'));
const loadSubmission = pyodide.globals.get('_harness_load');
const callEntry = pyodide.globals.get('_harness_call');
const heap = (pyodide as unknown as { _module: { HEAP8: Int8Array } })._module;
const heapBase = heap.HEAP8.length;
withBinding.binding = realBinding;
lockDown();
send({ t: 'ready', heapBytes: heapBase, rssBytes: memoryUsage().rss });

for (;;) {
  const message = receive();
  if (message?.t !== 'group') break;
  gradeGroup(message as unknown as Group);
}
exit(0);

interface Group {
  t: 'group';
  source: string;
  entry: string;
  args: string[];
  memoryBytes: number;
  outputBytes: number;
}

function toPlain(proxy: unknown): Record<string, unknown> | null {
  if (proxy === undefined || proxy === null) return null;
  const p = proxy as { toJs(o: object): Record<string, unknown>; destroy(): void };
  const plain = p.toJs({ dict_converter: fromEntries });
  p.destroy();
  return plain;
}

function gradeGroup(group: Group): void {
  memoryCap = heapBase + group.memoryBytes;
  outputBudget = group.outputBytes;
  const loaded = runPython(() => toPlain(loadSubmission(group.source, group.entry)));
  if (loaded.crashed) return;
  const loadOutput = takeOutput();
  if (loaded.value) {
    send({ t: 'loaded', error: loaded.value, ...loadOutput, ...limits() });
    return;
  }
  send({ t: 'loaded', ...loadOutput, ...limits() });
  for (let i = 0; i < group.args.length; i++) {
    const called = runPython(() => toPlain(callEntry(group.args[i])));
    if (called.crashed) return;
    send({ t: 'check', i, result: called.value, ...takeOutput(), ...limits() });
  }
  send({ t: 'done' });
}

function limits(): { memory?: true; runaway?: true } {
  return { ...(memoryRefused ? { memory: true } : {}), ...(outputRunaway ? { runaway: true } : {}) };
}

/** A JS-level exception out of Pyodide (os._exit, a fatal error) ends this child: say why, then stop. */
function runPython<T>(fn: () => T): { value?: T; crashed?: true } {
  try {
    return { value: fn() };
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    const reason = name === 'ExitStatus' ? 'exited' : 'fatal';
    send({ t: 'crashed', reason, ...takeOutput(), ...limits() });
    exit(0);
    return { crashed: true };
  }
}

/**
 * Leaves the realm with nothing that can open a socket, a file for writing, a process or a module.
 * Called after Pyodide has imported everything it needs and before the first submission is read.
 */
function lockDown(): void {
  module.registerHooks({
    resolve(specifier) {
      throw new Error(`Cannot load '${specifier}' in the Python grader.`);
    },
  });
  for (const name of [
    'fetch',
    'Request',
    'Response',
    'Headers',
    'FormData',
    'WebSocket',
    'EventSource',
    'XMLHttpRequest',
    'require',
    'module',
    'exports',
    '__filename',
    '__dirname',
    'navigator',
    'localStorage',
    'sessionStorage',
    'BroadcastChannel',
  ]) {
    Reflect.deleteProperty(globalThis, name);
  }
  for (const symbol of Object.getOwnPropertySymbols(globalThis)) Reflect.deleteProperty(globalThis, symbol);
  const standIn = Object.freeze({
    env: Object.freeze({}),
    argv: Object.freeze([]),
    platform: process.platform,
    version: process.version,
    versions: Object.freeze({ ...process.versions }),
    browser: false,
    cwd: () => '/',
    umask: () => 0o22,
    getuid: () => 0,
  });
  const quiet = Object.freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} });
  Object.defineProperty(globalThis, 'process', { value: standIn, writable: false, configurable: false });
  Object.defineProperty(globalThis, 'console', { value: quiet, writable: false, configurable: false });
  Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });
}
