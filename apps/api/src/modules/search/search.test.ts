/**
 * Search over the real curriculum (ranking, typos, snippets) and over the fixture curriculum
 * (what must never be found: answers, explanations, hidden checks, solutions; other people's notes).
 */
import { resolve } from 'node:path';
import { loadCurriculum } from '@backpath/curriculum';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';
import { SearchService, snippetParts } from './search.service.ts';
import { editDistance, Vocabulary } from './vocabulary.ts';

const CONTENT_DIR = resolve(import.meta.dirname, '../../../../../content');
let real: LearningTestApp;
let fixture: LearningTestApp;
beforeAll(async () => {
  const { curriculum } = loadCurriculum(CONTENT_DIR);
  [real, fixture] = await Promise.all([
    buildLearningTestApp({ curriculum, env: { CONTENT_DIR } }),
    buildLearningTestApp(),
  ]);
});
afterAll(async () => {
  await real?.close();
  await fixture?.close();
});

type Result = { kind: string; title: string; url: string; snippet: { text: string; match: boolean }[] };
const search = async (t: LearningTestApp, q: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}`, headers });
  return { status: res.statusCode, body: res.json() as { correctedQuery: string | null; results: Result[] } };
};

describe('searching the curriculum', () => {
  it('ranks a lesson about the words first and marks them in its snippet', async () => {
    const { status, body } = await search(real, 'idempotent retries');
    expect(status).toBe(200);
    expect(body.correctedQuery).toBeNull();
    expect(body.results.length).toBeGreaterThan(0);
    const [first] = body.results;
    expect(first!.url).toMatch(/^\/(topics|exercises|quizzes)\//);
    const marked = first!.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase());
    expect(marked.some((w) => w.startsWith('idempot') || w.startsWith('retr'))).toBe(true);
  });

  it('forgives typos: "idempotant" finds what "idempotent" finds; "idempotnet" is corrected and says so', async () => {
    const right = await search(real, 'idempotent');
    expect(right.body.results.length).toBeGreaterThan(0);
    // The english stemmer already reduces both spellings to the same stem.
    const stemmed = await search(real, 'idempotant');
    expect(stemmed.body.results.map((r) => r.url)).toEqual(right.body.results.map((r) => r.url));
    // A swap of letters is not a stem: the closest curriculum word is searched instead.
    const swapped = await search(real, 'idempotnet');
    expect(swapped.body.correctedQuery).toBe('idempotent');
    expect(swapped.body.results.map((r) => r.url)).toEqual(right.body.results.map((r) => r.url));
    const two = await search(real, 'cahce invalidaton');
    expect(two.body.correctedQuery).toBe('cache invalidation');
    expect(two.body.results.length).toBeGreaterThan(0);
  });

  it('finds exercises and quiz questions, each opening its own page', async () => {
    const { body } = await search(real, 'GROUP BY');
    const kinds = new Set(body.results.map((r) => r.kind));
    expect(kinds.has('lesson') || kinds.has('exercise')).toBe(true);
    for (const r of body.results) {
      const prefix = { lesson: '/topics/', exercise: '/exercises/', question: '/quizzes/', note: '/topics/' }[r.kind];
      expect(r.url.startsWith(prefix!)).toBe(true);
    }
  });

  it('answers an empty result, not an error, for words nobody wrote', async () => {
    const { status, body } = await search(real, 'qwxzvbnm');
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
  });
});

describe('what search never finds', () => {
  it('no answer, explanation, hidden check, seed row or solution', async () => {
    for (const secret of ['SECRET-EXPLANATION-A', 'HIDDEN-CHECK-NAME', 'SECRET-ROW', 'SELECT name FROM people']) {
      const { body } = await search(fixture, secret);
      expect(JSON.stringify(body.results), secret).not.toContain(secret);
    }
    // The prompt itself is searchable.
    const { body } = await search(fixture, 'secret answer');
    expect(body.results).toEqual([expect.objectContaining({ kind: 'question', url: '/quizzes/alpha-one-quiz' })]);
  });

  it('my notes for me only: not for another learner, not for anonymous visitors', async () => {
    const ada = await signUp(fixture.app);
    const saved = await as(fixture.app, ada)('PUT', '/api/topics/alpha-one/notes', {
      body: 'Remember the zebrafish trick <script>alert(1)</script> for joins',
    });
    expect(saved.statusCode).toBe(200);
    const mine = await search(fixture, 'zebrafish', { cookie: ada.cookie });
    expect(mine.body.results).toHaveLength(1);
    expect(mine.body.results[0]).toMatchObject({ kind: 'note', url: '/topics/alpha-one#notes' });
    expect(mine.body.results[0]!.title).toContain('Your notes');
    // Snippets are plain text parts with the match marked, never HTML.
    const snippet = mine.body.results[0]!.snippet;
    expect(snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['zebrafish']);
    expect(snippet.map((p) => p.text).join('')).not.toContain('<script>');
    const other = await signUp(fixture.app);
    expect((await search(fixture, 'zebrafish', { cookie: other.cookie })).body.results).toEqual([]);
    expect((await search(fixture, 'zebrafish')).body.results).toEqual([]);
  });
});

describe('bad queries get a clear 400', () => {
  it.each([
    ['', 'empty'],
    [' a ', 'one character'],
    ['x'.repeat(201), 'too long'],
  ])('%j (%s)', async (q) => {
    const res = await fixture.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBeTruthy();
  });

  it('a query without q', async () => {
    const res = await fixture.app.inject({ url: '/api/search' });
    expect(res.statusCode).toBe(400);
  });

  it('websearch syntax a person may type never errors', async () => {
    for (const q of ['"unterminated', 'a OR', '--', '!!', '((', 'sql & | !', "x' OR 1=1 --"]) {
      expect((await search(fixture, q)).status, q).toBe(200);
    }
  });
});

describe('the index follows the curriculum', () => {
  it('is rebuilt when content changes and left alone when it does not', async () => {
    const { curriculum } = loadCurriculum(resolve(import.meta.dirname, '../../test/fixtures/content'));
    const service = new SearchService(fixture.db, curriculum);
    expect(await service.ensureIndex()).toBe(false);
    const topic = curriculum.topics.get('alpha-one')!;
    curriculum.topics.set('alpha-one', { ...topic, title: 'Topic alpha-one about narwhals' });
    const changed = new SearchService(fixture.db, curriculum);
    expect(await changed.ensureIndex()).toBe(true);
    expect((await changed.search('narwhals', null, 5)).results).toEqual([
      expect.objectContaining({ kind: 'lesson', url: '/topics/alpha-one' }),
    ]);
    // Put the fixture index back for the other tests.
    curriculum.topics.set('alpha-one', topic);
    expect(await new SearchService(fixture.db, curriculum).ensureIndex()).toBe(true);
  });
});

describe('snippets and typo tolerance, unit by unit', () => {
  it('splits a marked snippet into text parts', () => {
    expect(snippetParts('a \uE000b\uE001 c \uE000d\uE001')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
  });

  it('measures edit distance with swaps, and gives up early', () => {
    expect(editDistance('idempotant', 'idempotent', 2)).toBe(1);
    expect(editDistance('cahce', 'cache', 2)).toBe(1);
    expect(editDistance('index', 'indexes', 2)).toBe(2);
    expect(editDistance('postgres', 'redis', 2)).toBe(3);
  });

  it('corrects unknown words to close, frequent ones and leaves known or short ones alone', () => {
    const v = new Vocabulary(['cache cache cache caches catch', 'index indexes', 'sql']);
    expect(v.correct('cahce')).toBe('cache');
    expect(v.correct('indx')).toBe('index');
    expect(v.correct('caches')).toBe('caches');
    expect(v.correct('sq')).toBe('sq');
    expect(v.correct('kubernetes')).toBe('kubernetes');
  });
});
