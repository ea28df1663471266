/** The API client over real HTTP: the error shape, bearer auth, polling, and an unreachable server. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient, ApiError } from './api-client.ts';
import { CliError } from './exit-codes.ts';
import { FAKE_TOKEN, type FakeApi, startFakeApi } from './testing/fake-api.ts';
import { freePort } from './testing/helpers.ts';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());

describe('ApiClient', () => {
  test('sends the bearer token and parses JSON', async () => {
    const me = await new ApiClient(api.url, FAKE_TOKEN).me();
    expect(me).toEqual({ id: 'u1', email: 'ada@example.test', name: 'Ada', role: 'learner' });
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/me', auth: `Bearer ${FAKE_TOKEN}` });
  });

  test('turns {"error":{"code","message"}} into an ApiError with exit code 4 and a next step for 401', async () => {
    const err = await new ApiClient(api.url, 'wrong').progress().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'Missing or invalid token.', exitCode: 4 });
    expect((err as ApiError).hint).toContain('backpath login');
  });

  test('device-flow errors keep their code, so login can tell pending from denied', async () => {
    api.deviceAnswers = ['slow_down'];
    const err = await new ApiClient(api.url).deviceToken('dev-1').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: 'slow_down' });
  });

  test('waitForGrade polls a queued submission until it is graded', async () => {
    const client = new ApiClient(api.url, FAKE_TOKEN);
    const queued = await client.submit('any', 'SELECT 1', 'run');
    expect(queued.status).toBe('queued');
    const graded = await client.waitForGrade(queued, { intervalMs: 10 });
    expect(graded.status).toBe('graded');
    expect(graded.result?.status).toBe('pass');
    expect(api.requests.filter((r) => r.path === `/api/submissions/${queued.id}`).length).toBeGreaterThanOrEqual(2);
  });

  test('an unreachable server is a CliError (exit 4) that names the address', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await new ApiClient(url, FAKE_TOKEN).me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(4);
    expect((err as CliError).message).toContain(`Could not reach the Backpath server at ${url}`);
  });
});
