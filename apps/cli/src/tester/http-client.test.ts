/** The curl rendering a learner pastes must reproduce the request exactly, quotes included. */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { requestBody, toCurl } from './http-client.ts';
import { createRandom } from './random.ts';

describe('toCurl', () => {
  test('renders method, URL, headers and body, quoting single quotes for the shell', () => {
    const { body, headers } = requestBody({ method: 'POST', path: '/bookmarks', json: { title: "Robert'); DROP" } });
    const curl = toCurl('POST', 'http://127.0.0.1:8080/bookmarks', { ...headers, Authorization: 'Bearer abc' }, body);
    expect(curl).toBe(
      `curl -i -X POST 'http://127.0.0.1:8080/bookmarks' -H 'Content-Type: application/json' -H 'Authorization: Bearer abc' --data-raw '{"title":"Robert'\\''); DROP"}'`,
    );
    // The shell turns the quoted argument back into exactly the JSON that was sent.
    const echoed = execFileSync('sh', ['-c', `printf %s ${curl.split('--data-raw ')[1]}`], { encoding: 'utf8' });
    expect(echoed).toBe(body);
  });

  test('a plain GET has no -X and no body', () => {
    expect(toCurl('GET', 'http://127.0.0.1:1/health', {})).toBe(`curl -i 'http://127.0.0.1:1/health'`);
  });
});

describe('seeded inputs', () => {
  test('the same seed gives the same inputs; another seed gives others', () => {
    const words = (seed: number) => Array.from({ length: 5 }, () => createRandom(seed).word());
    const a = createRandom(99);
    const b = createRandom(99);
    expect([a.word(), a.int(1, 1000), a.word()]).toEqual([b.word(), b.int(1, 1000), b.word()]);
    expect(createRandom(1).word(12)).not.toBe(createRandom(2).word(12));
    expect(new Set(words(5)).size).toBe(1);
  });
});
