/** Reads `backpath.yml`: how to start the learner's server, on which port, and where it says "ready". */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { CliError, EXIT } from '../exit-codes.ts';
import { LANGUAGES, type Language } from './project-language.ts';

export const PROJECT_FILE = 'backpath.yml';

export interface ProjectConfig {
  /** Program and arguments, run without a shell so SIGTERM reaches the server itself. */
  command: string[];
  port: number;
  readiness: string;
  /** Seconds to wait for the readiness path to answer (compilers need a while on first run). */
  startTimeout: number;
  env: Record<string, string>;
  dir: string;
  /** The stage the learner is working on: `project test` without --stage/--all tests 1..stage. */
  stage?: number;
  /** The project's language, for hints; `project init` writes it, otherwise it is detected. */
  language?: Language;
}

function splitCommand(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim().split(/\s+/).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

export function parseProjectConfig(text: string, dir: string): ProjectConfig {
  const fail = (msg: string): never => {
    throw new CliError(
      EXIT.usage,
      `${PROJECT_FILE}: ${msg}`,
      'See `backpath project init --help` for a working example.',
    );
  };
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    return fail(`not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof doc !== 'object' || doc === null) return fail('expected keys command, port and readiness');
  const d = doc as Record<string, unknown>;
  const command = splitCommand(d.command);
  if (!command || command.length === 0)
    return fail('`command` must be a program and its arguments, e.g. "node server.ts"');
  const port = d.port ?? 8080;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    return fail('`port` must be 1-65535');
  const readiness = d.readiness ?? '/health';
  if (typeof readiness !== 'string' || !readiness.startsWith('/'))
    return fail('`readiness` must be a path like /health');
  const startTimeout = d.startTimeout ?? 30;
  if (typeof startTimeout !== 'number' || startTimeout <= 0) return fail('`startTimeout` must be a number of seconds');
  const env: Record<string, string> = {};
  if (d.env !== undefined) {
    if (typeof d.env !== 'object' || d.env === null) return fail('`env` must map names to values');
    for (const [k, v] of Object.entries(d.env)) env[k] = String(v);
  }
  const stage = d.stage;
  if (stage !== undefined && (typeof stage !== 'number' || !Number.isInteger(stage) || stage < 1)) {
    return fail('`stage` must be the number of the stage you are working on (1 or more)');
  }
  const language = d.language;
  if (language !== undefined && !LANGUAGES.includes(language as Language)) {
    return fail(`\`language\` must be one of ${LANGUAGES.join(', ')} (it only picks the examples in hints)`);
  }
  return {
    command,
    port,
    readiness,
    startTimeout,
    env,
    dir,
    ...(stage !== undefined ? { stage } : {}),
    ...(language !== undefined ? { language: language as Language } : {}),
  };
}

export async function loadProjectConfig(dir: string): Promise<ProjectConfig> {
  const file = path.join(dir, PROJECT_FILE);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(
      EXIT.usage,
      `No ${PROJECT_FILE} in ${dir}.`,
      'Run `backpath project init <language>` to create one, pass --dir, or test a running server with --url.',
    );
  });
  return parseProjectConfig(text, dir);
}
