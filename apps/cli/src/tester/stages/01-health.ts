/** Stage 1: the server starts and answers GET /health. */
import { expectEqual, expectJsonObject, expectStatus } from '../expect.ts';
import type { Stage } from './stage-types.ts';

export const healthStage: Stage = {
  number: 1,
  id: 'bookmarks-health',
  title: 'The server starts and answers /health',
  async run(ctx) {
    await ctx.check('GET /health answers 200 with {"status":"ok"}', async () => {
      const res = await ctx.request({ method: 'GET', path: '/health' }, { auth: false });
      expectStatus(res, 200, 'Add a route: GET /health answers 200 OK with the JSON body {"status":"ok"}.');
      const body = expectJsonObject(res);
      expectEqual('"status"', body.status, 'ok');
    });
  },
};
