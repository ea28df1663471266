import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import { CredentialsOverview } from './credentials-overview.tsx';

const item = (kind: 'exercise' | 'quiz' | 'project-stage', id: string, title: string, passedAt: string | null) => ({
  kind,
  id,
  title,
  topicId: kind === 'project-stage' ? null : 'sql',
  projectId: kind === 'project-stage' ? 'bookmarks-api' : null,
  passed: passedAt !== null,
  passedAt,
  sha256: passedAt ? 'c'.repeat(64) : null,
});

const earned = {
  id: '0b7c6a52-6a4e-4a4e-9d1e-2f0f3c1d9a11',
  stageId: 'language',
  stageTitle: 'Learn a language',
  issuedAt: '2026-11-20T09:00:00.000Z',
  url: 'https://learn.example.org/api/credentials/0b7c6a52-6a4e-4a4e-9d1e-2f0f3c1d9a11',
  status: 'valid',
  revokedAt: null,
  revokedReason: null,
  evidence: [],
};
const revoked = {
  ...earned,
  id: '5f0e0c1e-1111-4222-8333-444455556666',
  stageId: 'databases',
  stageTitle: 'Databases',
  status: 'revoked',
  revokedAt: '2026-12-05T12:00:00.000Z',
  revokedReason:
    'Issued before credentials required passed graded work (exercises passed 0 of 4, quizzes passed 0 of 5).',
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/credentials') return Response.json({ items: [earned, revoked] });
      if (url === '/api/credentials/checklist') {
        return Response.json({
          stages: [
            {
              stageId: 'language',
              stageTitle: 'Learn a language',
              stageNumber: 1,
              complete: true,
              passed: 1,
              total: 1,
              items: [item('exercise', 'ts-types', 'Type a function', '2026-11-19T09:00:00.000Z')],
              credential: earned,
            },
            {
              stageId: 'databases',
              stageTitle: 'Databases',
              stageNumber: 2,
              complete: false,
              passed: 1,
              total: 3,
              items: [
                item('exercise', 'sql-select', 'Select every name', '2026-11-21T09:00:00.000Z'),
                item('exercise', 'sql-join', 'Join two tables', null),
                item('quiz', 'sql-quiz', 'SQL basics', null),
              ],
              credential: null,
            },
            {
              stageId: 'practice',
              stageTitle: 'Practice',
              stageNumber: 13,
              complete: false,
              passed: 0,
              total: 1,
              items: [item('project-stage', 'bookmarks-health', 'Build a bookmarks API, stage 1: Health', null)],
              credential: null,
            },
          ],
        });
      }
      return new Response('{}', { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CredentialsOverview', () => {
  it('explains credentials, lists what each stage needs (passed and left, with links) and the withdrawn ones', async () => {
    await renderScreen(() => <CredentialsOverview />);
    await screen.findByText(/Stage 2: Databases — 1 of 3 passed, 2 left/);
    const text = document.body.textContent ?? '';
    expect(text).toContain('every exercise and every quiz of the stage');
    expect(text).toContain('Topics you mark as done yourself help you keep track, but they do not count');
    expect(text).toContain('send them its page');
    for (const jargon of ['JWKS', 'VC-JWT', 'Ed25519']) expect(text).not.toContain(jargon);

    expect(screen.getByText(/Stage 1: Learn a language — earned/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Verify' }).getAttribute('href')).toBe(`/credentials/${earned.id}`);

    const databases = screen.getByRole('list', { name: 'What stage 2 needs' });
    const rows = [...databases.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows[0]).toMatch(/^✓Passed: Exercise: Select every name — passed /);
    expect(rows[1]).toBe('○Not passed yet: Exercise: Join two tables');
    expect(rows[2]).toBe('○Not passed yet: Quiz: SQL basics');
    expect(screen.getByRole('link', { name: 'Join two tables' }).getAttribute('href')).toBe('/exercises/sql-join');
    expect(screen.getByRole('link', { name: 'SQL basics' }).getAttribute('href')).toBe('/quizzes/sql-quiz');
    expect(screen.getByRole('list', { name: 'What stage 13 needs' }).textContent).toContain('backpath project test');

    const withdrawn = screen.getByRole('heading', { name: 'Withdrawn' }).nextElementSibling!;
    expect(withdrawn.textContent).toMatch(
      /^Databases: revoked on .+\. Issued before credentials required passed graded work/,
    );
  });
});
