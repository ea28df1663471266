/**
 * Layer 1 of the Python grader's isolation: where the machine allows it, each child starts inside a
 * fresh network namespace (no interfaces but a down loopback), so learner Python has no network at
 * all. Probed once per process; where it is not available the children rely on layer 2 (the
 * locked-down Node realm, see child/python-runner.mts) and one log line says so.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export type NamespaceMode = 'user+net' | 'net' | 'none';

export interface Isolation {
  mode: NamespaceMode;
  /** Command and arguments placed before `node …`; empty when there is no namespace. */
  prefix: string[];
  /** Why layer 1 is off, when it is. */
  reason?: string;
}

const UNSHARE = ['/usr/bin/unshare', '/bin/unshare'].find((path) => existsSync(path));
const CANDIDATES: { mode: NamespaceMode; args: string[] }[] = [
  { mode: 'user+net', args: ['--user', '--net', '--map-root-user'] },
  { mode: 'net', args: ['--net'] },
];

let probed: Promise<Isolation> | undefined;

/** The best namespace this machine offers, probed once (about 5 ms per candidate). */
export function probeIsolation(): Promise<Isolation> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<Isolation> {
  if (process.platform !== 'linux' || !UNSHARE) {
    return { mode: 'none', prefix: [], reason: 'unshare(1) is not available on this system' };
  }
  const errors: string[] = [];
  for (const candidate of CANDIDATES) {
    const error = await run(UNSHARE, [...candidate.args, '--', '/bin/true']);
    if (!error) return { mode: candidate.mode, prefix: [UNSHARE, ...candidate.args, '--'] };
    errors.push(`unshare ${candidate.args.join(' ')}: ${error}`);
  }
  return { mode: 'none', prefix: [], reason: errors.join('; ') };
}

function run(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 5_000, env: {} }, (error, _stdout, stderr) => {
      resolve(error ? (stderr.trim() || error.message).slice(0, 200) : undefined);
    });
  });
}
