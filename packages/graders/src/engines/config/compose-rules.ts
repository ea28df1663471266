/** Docker Compose rules, checked on the parsed YAML. */

import { type ConfigRule, type RuleFinding, SECRET_NAME } from './types.ts';
import { asRecord, envEntries } from './yaml-source.ts';

type Services = Record<string, Record<string, unknown>>;
const STATEFUL =
  /(postgres|mysql|mariadb|mongo|redis|valkey|elasticsearch|opensearch|rabbitmq|minio|clickhouse|cassandra)/i;

const ok = (rule: ConfigRule): RuleFinding => ({ rule, pass: true });
const fail = (rule: ConfigRule, message: string): RuleFinding => ({ rule, pass: false, message });

export function services(doc: Record<string, unknown>): Services {
  return Object.fromEntries(Object.entries(asRecord(doc.services)).map(([k, v]) => [k, asRecord(v)]));
}

function dependsOn(service: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const d = service.depends_on;
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [String(name), {}]));
  return Object.fromEntries(Object.entries(asRecord(d)).map(([k, v]) => [k, asRecord(v)]));
}

export const COMPOSE_RULES: Partial<Record<ConfigRule, (doc: Record<string, unknown>) => RuleFinding>> = {
  'compose-healthchecks': (doc) => {
    const all = services(doc);
    const needed = new Set(Object.values(all).flatMap((s) => Object.keys(dependsOn(s))));
    const missing = [...needed].filter((name) => all[name] && !asRecord(all[name]).healthcheck);
    return missing.length
      ? fail(
          'compose-healthchecks',
          `Service "${missing[0]}" is depended on but has no healthcheck, so Compose cannot know when it is actually ready. Add a healthcheck (e.g. pg_isready for PostgreSQL).`,
        )
      : ok('compose-healthchecks');
  },
  'compose-depends-on-healthy': (doc) => {
    for (const [name, service] of Object.entries(services(doc))) {
      for (const [dep, opts] of Object.entries(dependsOn(service))) {
        if (opts.condition !== 'service_healthy') {
          return fail(
            'compose-depends-on-healthy',
            `"${name}" depends on "${dep}" without condition: service_healthy, so it may start before ${dep} accepts connections and crash. Use depends_on: { ${dep}: { condition: service_healthy } }.`,
          );
        }
      }
    }
    return ok('compose-depends-on-healthy');
  },
  'compose-no-inline-secrets': (doc) => {
    for (const [name, service] of Object.entries(services(doc))) {
      for (const [key, value] of envEntries(service.environment)) {
        if (SECRET_NAME.test(key) && value !== '' && !/^\$\{?[A-Za-z_]/.test(value)) {
          return fail(
            'compose-no-inline-secrets',
            `Service "${name}" sets ${key} to a literal value. Secrets in the compose file end up in git; use \${${key}} from an untracked .env file, or Compose secrets.`,
          );
        }
      }
    }
    return ok('compose-no-inline-secrets');
  },
  'compose-named-volumes': (doc) => {
    const declared = new Set(Object.keys(asRecord(doc.volumes)));
    for (const [name, service] of Object.entries(services(doc))) {
      if (!STATEFUL.test(String(service.image ?? name))) continue;
      const vols = Array.isArray(service.volumes) ? service.volumes : [];
      const sources = vols.map((v) =>
        typeof v === 'string'
          ? v.split(':').length > 1
            ? (v.split(':')[0] as string)
            : ''
          : String(asRecord(v).source ?? ''),
      );
      const named = sources.filter((s) => s && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('~'));
      if (named.length === 0) {
        return fail(
          'compose-named-volumes',
          `Stateful service "${name}" has no named volume, so its data is lost when the container is recreated. Mount a named volume (e.g. db-data:/var/lib/postgresql/data) and declare it under the top-level volumes:.`,
        );
      }
      const undeclared = named.find((s) => !declared.has(s));
      if (undeclared)
        return fail(
          'compose-named-volumes',
          `Volume "${undeclared}" used by "${name}" is not declared under the top-level volumes: key.`,
        );
    }
    return ok('compose-named-volumes');
  },
  'compose-restart-policy': (doc) => {
    const missing = Object.entries(services(doc)).find(([, s]) => !s.restart);
    return missing
      ? fail(
          'compose-restart-policy',
          `Service "${missing[0]}" has no restart: policy, so it stays down after a crash or a reboot. Add restart: unless-stopped (or on-failure).`,
        )
      : ok('compose-restart-policy');
  },
};
