/** The bench cases for the light engines: one exercise and passing submission per kind. */
import type { Exercise } from '@backpath/contracts';

const common = {
  topic: 'bench',
  difficulty: 'beginner' as const,
  instructions: 'A benchmark exercise; never shown to learners.',
  starter: '',
  hints: ['none'],
};

const users = Array.from({ length: 50 }, (_, i) => ({
  _id: i,
  name: `user${i}`,
  age: 18 + (i % 50),
  city: ['London', 'Paris', 'Rome'][i % 3],
}));
const documentQuery =
  '{"collection": "users", "pipeline": [{"$match": {"age": {"$gte": 30}}}, {"$group": {"_id": "$city", "n": {"$sum": 1}}}]}';

export interface LightCase {
  exercise: Exercise;
  submission: string;
  /** A node script doing the same work in a fresh process (the process-per-run floor). */
  baseline?: string;
}

export const lightCases: LightCase[] = [
  {
    exercise: {
      ...common,
      id: 'bench-document',
      title: 'Bench document',
      kind: 'document',
      solution: documentQuery,
      document: { collections: { users }, checks: [{ name: 'groups' }, { name: 'hidden', hidden: true }] },
    },
    submission: documentQuery,
    baseline: `import { aggregate } from 'mingo'; const users = ${JSON.stringify(users)};
      const q = ${documentQuery}; const r = aggregate(users, q.pipeline); if (!r.length) process.exit(1);`,
  },
  {
    exercise: {
      ...common,
      id: 'bench-redis',
      title: 'Bench redis',
      kind: 'redis',
      solution: 'SET visits 10\nINCR visits',
      redis: { checks: [{ name: 'visits', probe: ['GET visits'], expected: ['11'] }] },
    },
    submission: 'SET visits 10\nINCR visits\nHSET user:1 name "Ada Lovelace"',
  },
  {
    exercise: {
      ...common,
      id: 'bench-config',
      title: 'Bench config',
      kind: 'config',
      solution: 'FROM node:22.12-alpine\nUSER node\nHEALTHCHECK CMD true\n',
      config: {
        format: 'dockerfile',
        checks: [
          { name: 'pinned', rule: 'dockerfile-pinned-base' },
          { name: 'non-root', rule: 'dockerfile-non-root' },
          { name: 'healthcheck', rule: 'dockerfile-healthcheck' },
        ],
      },
    },
    submission:
      'FROM node:22.12-alpine\nWORKDIR /app\nUSER node\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health\n',
  },
];
