/** The starter lands in a file whose name tells the learner's editor what it is. */
import { describe, expect, test } from 'vitest';
import type { PublicExercise } from '../api-client.ts';
import { starterFileName } from './exercise-files.ts';

const ex = (kind: string, extra: Record<string, unknown> = {}): PublicExercise => ({
  id: 'x',
  title: 'X',
  kind,
  instructions: 'i',
  starter: '',
  ...extra,
});

describe('starterFileName', () => {
  test.each([
    [ex('sql'), 'solution.sql'],
    [ex('code', { language: 'python' }), 'solution.py'],
    [ex('code', { language: 'javascript' }), 'solution.js'],
    [ex('code', { language: 'typescript' }), 'solution.ts'],
    [ex('tests', { language: 'typescript' }), 'solution.test.ts'],
    [ex('http', { language: 'javascript' }), 'handler.js'],
    [ex('redis'), 'commands.redis'],
    [ex('document'), 'query.json'],
    [ex('config', { setup: { format: 'dockerfile' } }), 'Dockerfile'],
    [ex('config', { setup: { format: 'compose' } }), 'compose.yaml'],
    [ex('config', { setup: { format: 'github-actions' } }), 'workflow.yml'],
  ])('%o -> %s', (exercise, name) => {
    expect(starterFileName(exercise)).toBe(name);
  });
});
