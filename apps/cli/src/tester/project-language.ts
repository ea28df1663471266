/**
 * Which language the learner's project is written in, and the examples the tester's hints use for it,
 * so a Python learner is never told to write `FROM node:…` or `server.close()`.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const LANGUAGES = ['typescript', 'python', 'go', 'java', 'ruby', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageHints {
  language: Language;
  label: string;
  /** A pinned base image for the final stage of a Dockerfile. */
  baseImage: string;
  /** How to run as an unprivileged user in that image. */
  user: string;
  /** A HEALTHCHECK line that works in that image (no curl assumed). */
  healthcheck: (port: number) => string;
  /** How to finish in-flight requests on SIGTERM and exit with code 0. */
  sigterm: string;
  /** How to make a random sign-in token. */
  randomToken: string;
}

const wget = (port: number) => `HEALTHCHECK CMD wget -qO- http://127.0.0.1:${port}/health || exit 1`;

const HINTS: Record<Language, Omit<LanguageHints, 'language'>> = {
  typescript: {
    label: 'TypeScript/JavaScript',
    baseImage: 'node:24.11-alpine3.22',
    user: '"USER node" (the node images ship that unprivileged user)',
    healthcheck: wget,
    randomToken: "crypto.randomBytes(32).toString('hex') from node:crypto",
    sigterm: "process.on('SIGTERM', () => server.close(() => process.exit(0)))",
  },
  python: {
    label: 'Python',
    baseImage: 'python:3.12.7-slim-bookworm',
    user: '"RUN useradd --system app" and then "USER app"',
    healthcheck: (port) =>
      `HEALTHCHECK CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}/health')"`,
    randomToken: 'secrets.token_urlsafe(32)',
    sigterm:
      'signal.signal(signal.SIGTERM, ...) with a handler that calls server.shutdown() from another thread (threading.Thread(target=server.shutdown).start()), then exit with code 0 once serve_forever() returns',
  },
  go: {
    label: 'Go',
    baseImage: 'alpine:3.20.3 (build in golang:1.23.4-alpine3.20 and COPY --from the binary)',
    user: '"RUN adduser -D app" and then "USER app"',
    healthcheck: wget,
    randomToken: '32 bytes from crypto/rand.Read, hex-encoded',
    sigterm:
      'ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM); after <-ctx.Done() call srv.Shutdown(...) and return from main',
  },
  java: {
    label: 'Java',
    baseImage: 'eclipse-temurin:21.0.5_11-jre-alpine',
    user: '"RUN adduser -D app" and then "USER app"',
    healthcheck: wget,
    randomToken: '32 bytes from SecureRandom.nextBytes, Base64 URL-encoded',
    sigterm:
      'sun.misc.Signal.handle(new Signal("TERM"), s -> { server.stop(5); System.exit(0); }) (a plain shutdown hook exits with code 143, not 0)',
  },
  ruby: {
    label: 'Ruby',
    baseImage: 'ruby:3.3.6-slim-bookworm',
    user: '"RUN useradd --system app" and then "USER app"',
    healthcheck: (port) =>
      `HEALTHCHECK CMD ruby -rnet/http -e "exit Net::HTTP.get_response(URI('http://127.0.0.1:${port}/health')).is_a?(Net::HTTPSuccess)"`,
    randomToken: 'SecureRandom.hex(32)',
    sigterm: "trap('TERM') { server.shutdown } (WEBrick), then let the program end normally with exit code 0",
  },
  other: {
    label: 'your language',
    baseImage: '<image>:<exact version>',
    user: '"USER <an unprivileged user>" (create one in the image if it has none)',
    healthcheck: (port) =>
      `HEALTHCHECK CMD <a command in the image that requests http://127.0.0.1:${port}/health and fails otherwise>`,
    randomToken: "32 bytes from the system's cryptographically secure random generator, hex-encoded",
    sigterm: 'catch SIGTERM, stop accepting connections, let running requests finish, then exit with code 0',
  },
};

export function hintsFor(language: Language): LanguageHints {
  return { language, ...HINTS[language] };
}

const PROGRAMS: [RegExp, Language][] = [
  [/^(node|nodejs|npm|npx|pnpm|yarn|tsx|ts-node|bun|deno)$/, 'typescript'],
  [/^(python[\d.]*|py|uv|poetry|pipenv|uvicorn|gunicorn|flask|fastapi|hypercorn)$/, 'python'],
  [/^(go|air)$/, 'go'],
  [/^(java|mvn|mvnw|gradle|gradlew|jbang)$/, 'java'],
  [/^(ruby|bundle|rackup|rails|puma)$/, 'ruby'],
];

const MANIFESTS: [RegExp, Language][] = [
  [/^(package\.json|tsconfig\.json|deno\.json)$/, 'typescript'],
  [/^(pyproject\.toml|requirements.*\.txt|Pipfile|setup\.py)$/, 'python'],
  [/^go\.mod$/, 'go'],
  [/^(pom\.xml|build\.gradle(\.kts)?)$/, 'java'],
  [/^(Gemfile|config\.ru)$/, 'ruby'],
];

const SOURCES: [RegExp, Language][] = [
  [/\.(ts|mts|js|mjs|cjs)$/, 'typescript'],
  [/\.py$/, 'python'],
  [/\.go$/, 'go'],
  [/\.java$/, 'java'],
  [/\.rb$/, 'ruby'],
];

/**
 * The project's language: `language:` in backpath.yml when set, else the program that `command` runs,
 * else the files in the folder (manifests before source files), else "other".
 */
export async function detectLanguage(dir: string, command: string[] = [], declared?: Language): Promise<Language> {
  if (declared) return declared;
  const program = path.basename(command[0] ?? '').replace(/\.(exe|cmd|bat)$/i, '');
  for (const [re, language] of PROGRAMS) if (re.test(program)) return language;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const table of [MANIFESTS, SOURCES]) {
    for (const [re, language] of table) if (names.some((n) => re.test(n))) return language;
  }
  return 'other';
}
