/**
 * Every route declares who may call it in `config.access`; a route without a declaration fails at
 * start-up, so authorization can never be forgotten. Enforcement lives in the auth plugin.
 */
import type { FastifyInstance } from 'fastify';

/** `public`: anyone; `user`: any signed-in account; a role list: signed in with one of those roles. */
export type Access = 'public' | 'user' | { roles: ('learner' | 'mentor' | 'admin')[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Routes registered by third-party plugins, which cannot carry our config, and their access. */
const PLUGIN_ROUTES: [RegExp, Access][] = [
  [/^\/docs(\/|$)/, 'public'],
  [/^\*$/, 'public'], // the CORS plugin's preflight handler
];

export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    if (config.access) return;
    // @fastify/static registers one route per built file of the web app, marked with `config.file`.
    if ((config as { file?: unknown }).file) {
      route.config = { ...config, access: 'public' };
      return;
    }
    const fromPlugin = PLUGIN_ROUTES.find(([re]) => re.test(route.url));
    if (fromPlugin) {
      route.config = { ...config, access: fromPlugin[1] };
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
  });
}
