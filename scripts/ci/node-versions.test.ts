/**
 * One Node.js floor, stated the same way everywhere a person reads it: the root package.json
 * `engines`, the README's quick start, and the learners' CLI (its bundle refuses older Node).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR } from '../../apps/cli/scripts/build.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

describe('the Node.js version floor', () => {
  const engines = JSON.parse(read('package.json')).engines.node as string;
  const floor = Number(/^>=(\d+)$/.exec(engines)?.[1]);

  it('package.json states a major-version floor', () => {
    expect(engines).toMatch(/^>=\d+$/);
  });

  it('the CLI bundle enforces the same floor', () => {
    expect(MIN_NODE_MAJOR).toBe(floor);
  });

  it('the README quick start and CLI section state the same floor and no other', () => {
    const readme = read('README.md');
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Embedded or server mode'));
    expect(quickStart).toContain(`Node.js ${floor} or newer`);
    const stated = [...readme.matchAll(/Node(?:\.js)? \(?(\d+)\)? or newer/g)].map((m) => Number(m[1]));
    expect(stated.length).toBeGreaterThan(1);
    expect(new Set(stated)).toEqual(new Set([floor]));
  });

  it('the CLI README and the in-app install box agree', () => {
    expect(read('apps/cli/README.md')).toContain(`Node.js ${floor} or`);
    expect(read('apps/web/src/components/ui/cli-install.tsx')).toContain(`Node.js ${floor} or newer`);
  });
});
