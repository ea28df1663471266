/**
 * Hostile Python submissions: each must end in a clean verdict, in a child that is then replaced, and
 * none may reach the host (network, files, processes, environment) or fake a pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { DEFAULT_LIMITS, type ExerciseOfKind, type GradeResult } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonGrader, type PythonGrader } from './python-grader.ts';

type Spec = ExerciseOfKind<'code'>['code'];

const SECRET = 'backpath-test-secret-7f3a';
process.env.BACKPATH_PY_SECRET = SECRET;
const limits = { ...DEFAULT_LIMITS, timeMs: 1_000 };
const submit = { mode: 'submit' as const, limits };

/** One check whose expected value is what a successful escape would return. */
const returns = (expected: unknown): Spec => ({
  language: 'python',
  entry: 'entry',
  checks: [{ name: 'escape', args: [], expected }],
});
const sum: Spec = {
  language: 'python',
  entry: 'entry',
  checks: [
    { name: 'small', args: [1, 2], expected: 3 },
    { name: 'zero', args: [0, 0], expected: 0 },
    { name: 'hidden', args: [20, 22], expected: 42, hidden: true },
  ],
};

let server: Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.end('HTTP/1.0 200 OK\r\n\r\nreached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const layers = [
  ['network namespace + locked-down Node', 'auto'],
  ['locked-down Node alone', 'node-only'],
] as const;

describe.each(layers)('hostile Python (%s)', (_label, isolation) => {
  let grader: PythonGrader;
  beforeAll(async () => {
    grader = createPythonGrader({ processes: 2, spares: 2, isolation, log: () => {} });
    await grader.warm();
  });
  afterAll(() => grader.close());

  /** Grades, then checks the verdict is clean and that the child was replaced. */
  async function hostile(source: string, spec: Spec, options = submit): Promise<GradeResult> {
    const before = grader.stats().started;
    const result = await grader.grade(spec, source, options);
    expect(result.status, source).not.toBe('pass');
    expect(result.errorCode).not.toBe('internal');
    expect(grader.stats().started).toBeGreaterThan(before);
    return result;
  }

  /** What the learner gets to see of a check: the value it returned, its output and the message. */
  const seen = (result: GradeResult) =>
    result.tests.map((t) => [t.actual, t.output, t.message?.replace(/expected .*$/s, '')].join('\n')).join('\n');

  it('js.process.env holds nothing and js.process cannot reach the real process', async () => {
    const result = await hostile(
      'import js\ndef entry():\n    return [js.JSON.stringify(js.process.env), list(js.Object.keys(js.process))]\n',
      returns(SECRET),
    );
    expect(result.tests[0]!.actual).toBe(
      '["{}", ["env", "argv", "platform", "version", "versions", "browser", "cwd", "umask", "getuid"]]',
    );
    const kill = await hostile(
      'import js\ndef entry():\n    return js.process.kill(js.process.ppid, 9)\n',
      returns(true),
    );
    expect(kill.tests[0]!.message).toContain('AttributeError: kill');
    const env = await grader.grade(returns(SECRET), 'import os\ndef entry():\n    return str(os.environ)\n', submit);
    expect(seen(env)).not.toContain(SECRET);
  });

  it('cannot compile JavaScript from a string (Function constructor, run_js)', async () => {
    const fn = await hostile(
      'import js\ndef entry():\n    return js.Object.constructor.constructor("return 7")()\n',
      returns(7),
    );
    expect(fn.tests[0]!.message).toContain('Code generation from strings disallowed');
    const runJs = await hostile('from pyodide.code import run_js\ndef entry():\n    return run_js("7")\n', returns(7));
    expect(runJs.tests[0]!.message).toContain('Code generation from strings disallowed');
  });

  it('cannot open a socket, urlopen or fetch to a listener on 127.0.0.1', async () => {
    const url = `http://127.0.0.1:${port}/`;
    await hostile(
      `import socket\ndef entry():\n    s = socket.socket()\n    s.connect(("127.0.0.1", ${port}))\n    return s.recv(100).decode()\n`,
      returns('reached'),
    );
    await hostile(
      `import urllib.request\ndef entry():\n    return urllib.request.urlopen("${url}").read().decode()\n`,
      returns('reached'),
    );
    await hostile(
      `from pyodide.http import pyfetch\ndef entry():\n    pending = pyfetch("${url}")\n    pending.send(None)\n    return "sent"\n`,
      returns('sent'),
    );
    await hostile(
      `from pyodide.http import open_url\ndef entry():\n    return open_url("${url}").read()\n`,
      returns('reached'),
    );
    expect(connections).toBe(0);
  });

  it('cannot read host files, through NODEFS or open()', async () => {
    const hostname = readFileSync('/etc/hostname', 'utf8');
    const mounted = await hostile(
      'import pyodide_js\ndef entry():\n    fs = pyodide_js.FS\n    fs.mkdirTree("/mnt/host")\n    fs.mount(fs.filesystems.NODEFS, {"root": "/etc"}, "/mnt/host")\n    return open("/mnt/host/hostname").read()\n',
      returns(hostname),
    );
    expect(mounted.tests[0]!.actual).toBeUndefined();
    expect(seen(mounted)).not.toContain(hostname.trim());
    const passwd = readFileSync('/etc/passwd', 'utf8');
    const opened = await hostile('def entry():\n    return open("/etc/passwd").read()\n', returns(passwd));
    expect(seen(opened)).not.toContain('root:x:0:0');
  });

  it('cannot start processes (os.system, subprocess)', async () => {
    const marker = `/tmp/backpath-py-${process.pid}-${isolation}`;
    await hostile(`import os\ndef entry():\n    return os.system("touch ${marker}")\n`, returns(0));
    await hostile(
      `import subprocess\ndef entry():\n    return subprocess.run(["touch", "${marker}"]).returncode\n`,
      returns(0),
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('stops while True: pass at the time limit', async () => {
    const result = await hostile('def entry(a, b):\n    while True:\n        pass\n', sum);
    expect(result.errorCode).toBe('time_limit');
    // It ends, and near the limit rather than hanging (how near is measured by npm run bench:graders).
    expect(result.durationMs).toBeLessThan(limits.timeMs * 5);
  });

  it('stops memory bombs with memory_limit', async () => {
    // A long clock, so a heap that fills slowly on a loaded machine still meets the memory limit first.
    const patient = { mode: 'submit' as const, limits: { ...limits, timeMs: 20_000 } };
    for (const bomb of ['bytearray(10**10)', '[0] * 10**8', 'x = []\n    while True:\n        x.append(" " * 1000)']) {
      const result = await hostile(`def entry(a, b):\n    ${bomb}\n    return a + b\n`, sum, patient);
      expect(result.errorCode, bomb).toBe('memory_limit');
    }
    const caught = await hostile(
      'def entry(a, b):\n    try:\n        x = [0] * 10**8\n    except MemoryError:\n        pass\n    return a + b\n',
      sum,
      patient,
    );
    expect(caught.errorCode).toBe('memory_limit');
  });

  it('stops a print flood with output_limit', async () => {
    const result = await hostile('def entry(a, b):\n    while True:\n        print("flood" * 100)\n', sum);
    expect(result.errorCode).toBe('output_limit');
    expect(result.message).toContain('print() calls');
  });

  it('turns sys.exit() and os._exit(0) into clean errors', async () => {
    const exited = await hostile('import sys\ndef entry(a, b):\n    sys.exit(0)\n', sum);
    expect(exited.tests[0]!.message).toContain('SystemExit: sys.exit() was called');
    const killed = await hostile('import os\ndef entry(a, b):\n    os._exit(0)\n', sum);
    expect(killed).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
    expect(killed.message).toContain('stopped the Python interpreter');
  });

  it('cannot fake a pass by patching json, builtins, __eq__ or the harness', async () => {
    const attempts = [
      'import json\njson.dumps = lambda *a, **k: "3"\njson.encoder.JSONEncoder.encode = lambda *a: "3"\ndef entry(a, b):\n    return None\n',
      'import builtins\nbuiltins.repr = lambda v: "3"\nbuiltins.str = lambda v: "3"\nbuiltins.isinstance = lambda *a: True\ndef entry(a, b):\n    return None\n',
      'class Anything:\n    def __eq__(self, other):\n        return True\n    def __repr__(self):\n        return "3"\ndef entry(a, b):\n    return Anything()\n',
      'class Num(int):\n    def __repr__(self):\n        return "42"\ndef entry(a, b):\n    return Num(0)\n',
      'import sys\nmain = sys.modules["__main__"]\nmain._harness_call = lambda args: {"ok": True, "value": "42"}\nfor cell in (main._harness_call.__closure__ or ()):\n    pass\ndef entry(a, b):\n    return None\n',
    ];
    for (const source of attempts) {
      const result = await hostile(source, sum);
      expect(result.tests.find((t) => t.name === 'hidden')?.status, source).not.toBe('pass');
    }
  });

  it('keeps grading correctly after the whole corpus', async () => {
    const result = await grader.grade(sum, 'def entry(a, b):\n    return a + b\n', submit);
    expect(result.status).toBe('pass');
  });
});
