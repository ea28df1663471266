/** The API client over real HTTP: the error shape, bearer auth, the verdict stream and its polling fallback, an unreachable server. */
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

  test('waitForGrade takes the verdict from the event stream and does not poll', async () => {
    api.events = 'stream';
    const client = new ApiClient(api.url, FAKE_TOKEN);
    const queued = await client.submit('any', 'SELECT 1', 'run');
    expect(queued.status).toBe('queued');
    const graded = await client.waitForGrade(queued, { silenceMs: 5000 });
    expect(graded.result?.status).toBe('pass');
    const asked = api.requests.filter((r) => r.path.startsWith(`/api/submissions/${queued.id}`));
    expect(asked.map((r) => r.path)).toEqual([`/api/submissions/${queued.id}/events`]);
    expect(asked[0]?.auth).toBe(`Bearer ${FAKE_TOKEN}`);
  });

  test('waitForGrade polls a queued submission when the event stream errors', async () => {
    api.events = 'error';
    const client = new ApiClient(api.url, FAKE_TOKEN);
    const queued = await client.submit('any', 'SELECT 1', 'run');
    const started = Date.now();
    const graded = await client.waitForGrade(queued, { intervalMs: 10, silenceMs: 60_000 });
    expect(graded.status).toBe('graded');
    expect(graded.result?.status).toBe('pass');
    // It did not sit out the silence window: the failed stream sent it straight to polling.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(api.requests.filter((r) => r.path === `/api/submissions/${queued.id}`).length).toBeGreaterThanOrEqual(2);
  });

  test('waitForGrade polls when the event stream stays silent, and closes the stream', async () => {
    api.events = 'silent';
    const client = new ApiClient(api.url, FAKE_TOKEN);
    const queued = await client.submit('any', 'nothing', 'submit');
    const graded = await client.waitForGrade(queued, { intervalMs: 10, silenceMs: 50 });
    expect(graded.result?.status).toBe('fail');
    expect(api.requests.filter((r) => r.path === `/api/submissions/${queued.id}/events`)).toHaveLength(1);
    expect(api.requests.filter((r) => r.path === `/api/submissions/${queued.id}`).length).toBeGreaterThanOrEqual(2);
    api.events = 'stream';
  });

  test('an unreachable server is a CliError (exit 4) that names the address', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await new ApiClient(url, FAKE_TOKEN).me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(4);
    expect((err as CliError).message).toContain(`Could not reach the Backpath server at ${url}`);
  });
});
