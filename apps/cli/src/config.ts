/**
 * Where the CLI keeps its settings and credentials ($XDG_CONFIG_HOME/backpath or ~/.config/backpath),
 * and which server it talks to: --server, then BACKPATH_SERVER, then the config file, then localhost.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError, EXIT } from './exit-codes.ts';

export const DEFAULT_SERVER = 'http://localhost:3000';

export interface Credentials {
  server: string;
  token: string;
  email?: string;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'backpath');
}

const configFile = () => path.join(configDir(), 'config.json');
const credentialsFile = () => path.join(configDir(), 'credentials.json');

async function readJsonFile(file: string): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new CliError(EXIT.usage, `${file} is not valid JSON.`, 'Fix or delete it, then run the command again.');
  }
}

/** Writes with user-only permissions: the folder 0700, the file 0600 (chmod too, in case they existed). */
async function writePrivate(file: string, data: unknown): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

export function normaliseServer(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    throw new CliError(
      EXIT.usage,
      `"${raw}" is not an http(s) URL.`,
      'Pass something like --server https://backpath.example.com',
    );
  }
}

export async function resolveServer(flag?: string): Promise<string> {
  if (flag) return normaliseServer(flag);
  if (process.env.BACKPATH_SERVER) return normaliseServer(process.env.BACKPATH_SERVER);
  const config = await readJsonFile(configFile());
  if (typeof config?.server === 'string') return normaliseServer(config.server);
  return DEFAULT_SERVER;
}

export async function saveServer(server: string): Promise<void> {
  await writePrivate(configFile(), { ...(await readJsonFile(configFile())), server: normaliseServer(server) });
}

export async function loadCredentials(): Promise<Credentials | undefined> {
  const data = await readJsonFile(credentialsFile());
  if (typeof data?.token !== 'string' || typeof data.server !== 'string') return undefined;
  return data as unknown as Credentials;
}

export async function saveCredentials(credentials: Credentials): Promise<string> {
  await writePrivate(credentialsFile(), credentials);
  return credentialsFile();
}

export async function clearCredentials(): Promise<boolean> {
  const had = (await loadCredentials()) !== undefined;
  await rm(credentialsFile(), { force: true });
  return had;
}

/** The token for `server`, or a clear error telling the user to log in. */
export async function requireToken(server: string): Promise<string> {
  const creds = await loadCredentials();
  if (!creds) throw new CliError(EXIT.apiError, 'You are not logged in.', `Run \`backpath login --server ${server}\`.`);
  if (creds.server !== server) {
    throw new CliError(
      EXIT.apiError,
      `You are logged in to ${creds.server}, not ${server}.`,
      `Run \`backpath login --server ${server}\`.`,
    );
  }
  return creds.token;
}
