/** The languages `backpath project init` knows, and the files every project gets whatever its language. */
import { hintsFor } from '../tester/project-language.ts';
import { go } from './go.ts';
import { java } from './java.ts';
import { python } from './python.ts';
import { ruby } from './ruby.ts';
import type { Template } from './template-types.ts';
import { typescript } from './typescript.ts';

export const TEMPLATES: Record<string, Template> = { typescript, python, go, java, ruby };
export const ALIASES: Record<string, string> = {
  ts: 'typescript',
  node: 'typescript',
  js: 'typescript',
  py: 'python',
  golang: 'go',
  rb: 'ruby',
};

export function backpathYml(t: Template, port: number): string {
  return `# How \`backpath project test\` runs your server. The tester starts \`command\` in this folder
# (no shell), sets the PORT environment variable to \`port\`, and waits until GET \`readiness\`
# answers 2xx (for at most \`startTimeout\` seconds). It stops the server with SIGTERM.
# \`stage\` is the stage you are working on: \`backpath project test\` checks stages 1 to \`stage\`.
# \`language\` only picks the examples the tester's hints show you.
stage: 1
language: ${t.language}
command: ${t.command}
port: ${port}
readiness: /health
startTimeout: ${t.startTimeout}
`;
}

export function projectReadme(t: Template, port = 8080): string {
  const hints = hintsFor(t.language);
  return `# My bookmarks API (${t.label})

This is the Backpath capstone: a bookmarks HTTP API, built stage by stage.

- Start it yourself: \`${t.command}\` (it listens on the PORT environment variable, default 8080).
- Test it: \`backpath project test --stage 1\`, then raise the stage as you build.
- The exact contract of each stage is in the project page on Backpath and in \`backpath project test --help\`.
- Stage 11 expects a \`Dockerfile\` in this folder: a pinned base image such as \`${hints.baseImage}\`,
  an unprivileged user (${hints.user}) and a health check such as
  \`${hints.healthcheck(port)}\`. On SIGTERM, finish the requests in flight and exit with code 0:
  ${hints.sigterm}.
`;
}
