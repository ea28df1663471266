import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCurriculum } from './load.ts';
import { resolveContentId } from './model.ts';
import { formatProblem } from './problems.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const lesson = (id: string, extra = '') => `---
id: ${id}
title: A lesson about ${id}
summary: A summary that is long enough to pass.
minutes: 10
status: complete
resources:
  - { title: Docs, url: https://example.org/docs, type: official }${extra}
---

## Why this matters

Text.
`;

const quiz = (answer: string) => `id: t-one-quiz
topic: t-one
questions:
  - id: q1
    type: single
    prompt: Which one is right?
    choices:
      - { id: a, text: This, explanation: Because it is. }
      - { id: b, text: That, explanation: Because it is not. }
    answer: ${answer}
`;

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'content-'));
  dirs.push(root);
  const base: Record<string, string> = {
    'roadmap.yaml': 'title: T\nversion: "1"\nstages: [one]\n',
    'stages/01-one/stage.yaml':
      'id: one\nnumber: 1\ntitle: Stage one\nsummary: A stage summary that is at least forty characters long.\nwhy: Because it matters a lot.\ntopics:\n  - t-one\n',
    'stages/01-one/topics/t-one.md': lesson('t-one'),
    'stages/01-one/topics/t-one.quiz.yaml': quiz('a'),
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const messages = (root: string) => loadCurriculum(root).problems.items.map(formatProblem);

describe('loadCurriculum', () => {
  it('loads a valid curriculum into the model with order from the manifests', () => {
    const { curriculum, problems } = loadCurriculum(fixture({}));
    expect(problems.items).toEqual([]);
    expect(curriculum.stages.map((s) => s.id)).toEqual(['one']);
    expect(curriculum.topics.get('t-one')?.quizId).toBe('t-one-quiz');
    expect(curriculum.topics.get('t-one')?.body).toContain('## Why this matters');
  });

  it('names the file and line of an unknown prerequisite', () => {
    const root = fixture({ 'stages/01-one/topics/t-one.md': lesson('t-one', '\nprerequisites: [nowhere]') });
    expect(messages(root)).toContainEqual(expect.stringMatching(/t-one\.md:9: unknown prerequisite "nowhere"/));
  });

  it('names the file and line of a missing field', () => {
    const root = fixture({ 'stages/01-one/stage.yaml': 'id: one\nnumber: 1\ntitle: Stage one\ntopics: [t-one]\n' });
    const out = messages(root);
    expect(out.some((m) => /stage\.yaml:1: .*summary/.test(m))).toBe(true);
  });

  it('names the file and line of malformed YAML', () => {
    const root = fixture({
      'stages/01-one/topics/t-one.quiz.yaml': 'id: t-one-quiz\ntopic: [unclosed\nquestions: []\n',
    });
    expect(messages(root).some((m) => /t-one\.quiz\.yaml:\d+: malformed YAML/.test(m))).toBe(true);
  });

  it('refuses a quiz answer that is not among the choices, at its line', () => {
    const root = fixture({ 'stages/01-one/topics/t-one.quiz.yaml': quiz('z') });
    expect(messages(root)).toContainEqual(
      expect.stringMatching(/t-one\.quiz\.yaml:10: answer "z" is not among the choices/),
    );
  });

  it('refuses an exercise of an unknown kind and unknown fields', () => {
    const root = fixture({
      'stages/01-one/exercises/e.yaml': 'id: e-one\ntopic: t-one\nkind: telepathy\n',
      'stages/01-one/topics/t-one.md': lesson('t-one').replace('minutes: 10', 'minutes: 10\ncolour: red'),
    });
    const out = messages(root);
    expect(out).toContainEqual(expect.stringMatching(/e\.yaml:3: unknown exercise kind "telepathy"/));
    expect(out).toContainEqual(expect.stringMatching(/t-one\.md:\d+: .*unknown field\(s\) "colour"/));
  });

  it('reports duplicate ids across kinds', () => {
    const root = fixture({ 'stages/01-one/topics/t-one.quiz.yaml': quiz('a').replace('id: t-one-quiz', 'id: t-one') });
    expect(messages(root)).toContainEqual(expect.stringMatching(/id "t-one" is already used by a topic/));
  });

  it('follows renames in the id map and forgets retired ids', () => {
    const root = fixture({ 'id-map.yaml': 'renamed:\n  old-topic: t-one\nretired: [gone]\n' });
    const { curriculum, problems } = loadCurriculum(root);
    expect(problems.items).toEqual([]);
    expect(resolveContentId(curriculum, 'old-topic')).toBe('t-one');
    expect(resolveContentId(curriculum, 'gone')).toBeUndefined();
  });
});
