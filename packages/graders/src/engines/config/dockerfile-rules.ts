/**
 * Dockerfile rules, checked on the dockerfile-ast syntax tree. Each failure says which practice
 * it breaks and why it matters in production.
 */
import { type Arg, DockerfileParser, type Env, type Flag, type From, type Instruction } from 'dockerfile-ast';
import { ConfigParseError, type ConfigRule, type RuleFinding, SECRET_NAME } from './types.ts';

const KEYWORDS = new Set(
  'ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR'.split(
    ' ',
  ),
);

interface Stage {
  from: From;
  alias: string | null;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  stages: Stage[];
}

const lineOf = (i: Instruction) => i.getRange().start.line + 1;
/** `COPY --from=<stage>`; read from all flags because getFromFlag() misses it beside other flags. */
const copiesFrom = (i: Instruction) =>
  (i as Instruction & { getFlags?: () => Flag[] }).getFlags?.().some((f) => f.getName() === 'from' && f.getValue()) ??
  false;

export function parseDockerfile(source: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(source);
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (!KEYWORDS.has(keyword)) {
      throw new ConfigParseError(
        `Unknown instruction "${instruction.getKeyword()}" on line ${lineOf(instruction)}.`,
        lineOf(instruction),
      );
    }
    if (keyword === 'FROM') {
      const from = instruction as From;
      if (!from.getImageName())
        throw new ConfigParseError(`FROM on line ${lineOf(instruction)} names no image.`, lineOf(instruction));
      stages.push({ from, alias: from.getBuildStage(), instructions: [] });
    } else if (stages.length === 0 && keyword !== 'ARG') {
      throw new ConfigParseError(
        `Line ${lineOf(instruction)}: a Dockerfile must start with FROM (only ARG may come before it).`,
        lineOf(instruction),
      );
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new ConfigParseError('The Dockerfile has no FROM instruction.', 1);
  return { stages };
}

const upper = (i: Instruction) => i.getKeyword().toUpperCase();
const ok = (rule: ConfigRule): RuleFinding => ({ rule, pass: true });
const fail = (rule: ConfigRule, message: string, line?: number): RuleFinding => ({ rule, pass: false, message, line });

function externalFroms(df: ParsedDockerfile): From[] {
  const aliases = new Set<string>();
  const froms: From[] = [];
  for (const stage of df.stages) {
    const image = stage.from.getImageName() ?? '';
    if (!aliases.has(image.toLowerCase()) && image !== 'scratch') froms.push(stage.from);
    if (stage.alias) aliases.add(stage.alias.toLowerCase());
  }
  return froms;
}

const fromLine = (f: From) => f.getRange().start.line + 1;

export const DOCKERFILE_RULES: Partial<Record<ConfigRule, (df: ParsedDockerfile) => RuleFinding>> = {
  'dockerfile-pinned-base': (df) => {
    const loose = externalFroms(df).find(
      (f) => !f.getImageDigest() && (!f.getImageTag() || f.getImageTag() === 'latest'),
    );
    return loose
      ? fail(
          'dockerfile-pinned-base',
          `Line ${fromLine(loose)}: "FROM ${loose.getImage()}" does not pin a version. Name an explicit tag such as node:22.12-alpine (or a digest) so every build starts from the same base image.`,
          fromLine(loose),
        )
      : ok('dockerfile-pinned-base');
  },
  'dockerfile-no-latest': (df) => {
    const latest = externalFroms(df).find(
      (f) => !f.getImageDigest() && (!f.getImageTag() || f.getImageTag() === 'latest'),
    );
    return latest
      ? fail(
          'dockerfile-no-latest',
          `Line ${fromLine(latest)}: "${latest.getImage()}" uses the latest tag (explicitly or by leaving the tag out). "latest" moves whenever a new version ships, so builds stop being reproducible; pin a version tag.`,
          fromLine(latest),
        )
      : ok('dockerfile-no-latest');
  },
  'dockerfile-non-root': (df) => {
    const final = df.stages.at(-1) as Stage;
    const user = final.instructions.filter((i) => upper(i) === 'USER').at(-1);
    const name = user?.getArgumentsContent()?.split(':')[0]?.trim();
    if (!user || !name)
      return fail(
        'dockerfile-non-root',
        'The final stage never sets USER, so the container runs as root. Add "USER node" (or another unprivileged user) so a compromised process cannot take over the container.',
      );
    if (name === 'root' || name === '0')
      return fail(
        'dockerfile-non-root',
        `Line ${lineOf(user)}: USER ${name} is the root user. Switch to an unprivileged user.`,
        lineOf(user),
      );
    return ok('dockerfile-non-root');
  },
  'dockerfile-multi-stage': (df) => {
    if (df.stages.length < 2)
      return fail(
        'dockerfile-multi-stage',
        'There is only one stage. Build in one stage and copy only the output into a small final stage, so compilers and dev dependencies stay out of the shipped image.',
      );
    const final = df.stages.at(-1) as Stage;
    const copies = final.instructions.some((i) => upper(i) === 'COPY' && copiesFrom(i));
    return copies
      ? ok('dockerfile-multi-stage')
      : fail(
          'dockerfile-multi-stage',
          'The final stage does not COPY --from an earlier stage, so the build stage is not used. Copy the built output with COPY --from=<stage>.',
        );
  },
  'dockerfile-no-secrets': (df) => {
    for (const stage of df.stages) {
      for (const i of stage.instructions) {
        const kw = upper(i);
        if (kw === 'ENV' || kw === 'ARG') {
          const props =
            kw === 'ENV' ? (i as Env).getProperties() : [(i as Arg).getProperty()].filter((p) => p !== null);
          const leaked = props.find((p) => SECRET_NAME.test(p.getName()) && (p.getValue() ?? '') !== '');
          if (leaked)
            return fail(
              'dockerfile-no-secrets',
              `Line ${lineOf(i)}: ${kw} ${leaked.getName()} bakes a secret into the image, where anyone who pulls it can read it (docker history). Pass secrets at run time (environment or a secrets manager) or use RUN --mount=type=secret during the build.`,
              lineOf(i),
            );
        }
        if ((kw === 'COPY' || kw === 'ADD') && i.getArguments().some((a) => /(^|\/)\.env(\.|$)/.test(a.getValue()))) {
          return fail(
            'dockerfile-no-secrets',
            `Line ${lineOf(i)}: copying a .env file puts its secrets into the image. Keep .env out (list it in .dockerignore) and pass settings at run time.`,
            lineOf(i),
          );
        }
      }
    }
    return ok('dockerfile-no-secrets');
  },
  'dockerfile-dependency-cache': (df) => {
    const MANIFEST =
      /(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements[^ ]*\.txt|pyproject\.toml|poetry\.lock|go\.(mod|sum)|Cargo\.(toml|lock)|Gemfile(\.lock)?|pom\.xml|composer\.(json|lock))$/;
    const INSTALL =
      /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm (i|install)\b|pip3? install|poetry install|go mod download|cargo (build|fetch)|bundle install|mvn .*dependency|composer install)/;
    for (const stage of df.stages) {
      const list = stage.instructions;
      const install = list.findIndex((i) => upper(i) === 'RUN' && INSTALL.test(i.getArgumentsContent() ?? ''));
      if (install < 0) continue;
      const copyAll = list.findIndex(
        (i) =>
          (upper(i) === 'COPY' || upper(i) === 'ADD') &&
          !copiesFrom(i) &&
          i
            .getArguments()
            .slice(0, -1)
            .some((a) => a.getValue() === '.' || a.getValue() === './'),
      );
      const manifestFirst = list.slice(0, install).some(
        (i) =>
          upper(i) === 'COPY' &&
          i
            .getArguments()
            .slice(0, -1)
            .some((a) => MANIFEST.test(a.getValue())),
      );
      if ((copyAll >= 0 && copyAll < install) || !manifestFirst) {
        const at = list[install] as Instruction;
        return fail(
          'dockerfile-dependency-cache',
          `Line ${lineOf(at)}: dependencies are installed after the whole source is copied, so any code change re-runs the install. Copy only the manifest (e.g. COPY package*.json ./), install, then COPY . .`,
          lineOf(at),
        );
      }
    }
    return ok('dockerfile-dependency-cache');
  },
  'dockerfile-healthcheck': (df) => {
    const final = df.stages.at(-1) as Stage;
    const hc = final.instructions.find((i) => upper(i) === 'HEALTHCHECK');
    if (!hc)
      return fail(
        'dockerfile-healthcheck',
        'The final stage has no HEALTHCHECK, so Docker cannot tell a running-but-broken container from a healthy one. Add e.g. HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1.',
      );
    if (/^\s*NONE\s*$/i.test(hc.getArgumentsContent() ?? ''))
      return fail(
        'dockerfile-healthcheck',
        `Line ${lineOf(hc)}: HEALTHCHECK NONE turns health checking off. Give it a command that checks the app.`,
        lineOf(hc),
      );
    return ok('dockerfile-healthcheck');
  },
};
