/** A credential's public JSON names the issuer a verifier should expect, and it matches the JWT's `iss`. */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

let t: LearningTestApp;
beforeAll(async () => {
  t = await buildLearningTestApp({ env: { PUBLIC_URL: 'https://learn.example.org' } });
});
afterAll(() => t?.close());

describe('a credential', () => {
  it('is served publicly with the JWT and the issuer it was signed as', async () => {
    const me = as(t.app, await signUp(t.app, { name: 'Ada Lovelace' }));
    for (const topic of ['alpha-one', 'alpha-two']) {
      expect((await me('PUT', `/api/progress/topics/${topic}`, { status: 'done' })).statusCode).toBe(200);
    }
    const [cred] = (await me('GET', '/api/credentials')).json().items;
    const res = await t.app.inject({ method: 'GET', url: `/api/credentials/${cred.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: cred.id, stageId: 'alpha', issuer: 'https://learn.example.org' });
    expect(decodeJwt(body.jwt).iss).toBe(body.issuer);
  });
});
