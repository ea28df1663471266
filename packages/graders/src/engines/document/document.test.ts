import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { exercise } from '../../test-support.ts';

const users = [
  { _id: 1, name: 'Ada', age: 36, city: 'London' },
  { _id: 2, name: 'Grace', age: 45, city: 'New York' },
  { _id: 3, name: 'Linus', age: 28, city: 'Helsinki' },
];
const adults = exercise(
  'document',
  '{"collection": "users", "filter": {"age": {"$gt": 30}}, "projection": {"_id": 0, "name": 1}}',
  {
    collections: { users },
    checks: [
      { name: 'names of users over 30' },
      {
        name: 'works on other data',
        hidden: true,
        collections: { users: [{ _id: 9, name: 'Old', age: 90, city: 'Rome' }] },
      },
    ],
  },
);
const byCity = exercise(
  'document',
  '{"collection": "users", "pipeline": [{"$group": {"_id": "$city", "n": {"$sum": 1}}}, {"$sort": {"_id": 1}}]}',
  {
    collections: { users },
    ordered: true,
    checks: [{ name: 'counts per city, by city' }],
  },
);

let graders: Graders;
beforeAll(() => {
  graders = createGraders({ sqlWorkers: 0, codeWorkers: 1 });
});
afterAll(() => graders.close());
const grade = (ex: typeof adults, submission: string) => graders.grade(ex, submission, { mode: 'submit' });

describe('document engine', () => {
  it('passes the reference and equivalent queries', async () => {
    expect((await grade(adults, adults.solution)).status).toBe('pass');
    const viaPipeline =
      '{"collection": "users", "pipeline": [{"$match": {"age": {"$gte": 31}}}, {"$project": {"name": 1, "_id": 0}}]}';
    expect((await grade(adults, viaPipeline)).status).toBe('pass');
    expect((await grade(byCity, byCity.solution)).status).toBe('pass');
  });

  it('explains wrong documents, wrong fields and wrong order', async () => {
    const tooMany = await grade(adults, '{"collection": "users", "filter": {}, "projection": {"_id": 0, "name": 1}}');
    expect(tooMany.tests[0]?.message).toContain('Not expected: {"name":"Linus"}');
    const fields = await grade(adults, '{"collection": "users", "filter": {"age": {"$gt": 30}}}');
    expect(fields.tests[0]?.message).toContain('Check your projection');
    const order = await grade(
      byCity,
      '{"collection": "users", "pipeline": [{"$group": {"_id": "$city", "n": {"$sum": 1}}}, {"$sort": {"_id": -1}}]}',
    );
    expect(order.tests[0]?.message).toContain('wrong order');
  });

  it('hides the data of hidden checks', async () => {
    const result = await grade(
      adults,
      '{"collection": "users", "filter": {"name": "Ada"}, "projection": {"_id": 0, "name": 1}}',
    );
    expect(result.tests[1]).toMatchObject({ hidden: true, status: 'fail' });
    expect(result.tests[1]?.message).not.toContain('Old');
    expect(result.tests[1]?.expected).toBeUndefined();
  });

  it('reports malformed JSON with its position', async () => {
    const result = await grade(adults, '{"collection": "users",\n "filter": {age: 1}}');
    expect(result).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(result.message).toContain('line 2');
  });

  it('refuses code execution and absurd nesting, then keeps working', async () => {
    for (const op of ['$where', '$function', '$accumulator']) {
      const result = await grade(adults, `{"collection": "users", "filter": {"${op}": "this.age > 30"}}`);
      expect(result.message).toContain(`${op} runs JavaScript`);
    }
    const deep = `{"collection": "users", "filter": ${'{"$and": ['.repeat(40)}{}${']}'.repeat(40)}}`;
    expect((await grade(adults, deep)).message).toContain('nested more than');
    expect((await grade(adults, '{"collection": "secrets"}')).message).toContain('"users"');
    expect((await grade(adults, adults.solution)).status).toBe('pass');
  });
});
