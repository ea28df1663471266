import { describe, expect, it } from 'vitest';
import { runSnippet } from './run-snippet.ts';

describe('runSnippet', () => {
  it('runs a sample to completion, including its timers and promises, and returns its output', async () => {
    const source =
      "console.log('start');\nsetTimeout(() => console.log('later'), 100);\nPromise.resolve().then(() => console.log('soon'));";
    expect(await runSnippet(source, 'javascript')).toEqual({
      ok: true,
      message: 'The sample ran without errors.',
      output: 'start\nsoon\nlater\n',
    });
  });

  it('runs TypeScript samples', async () => {
    const result = await runSnippet('const n: number = 2;\nconsole.log(n * 21);', 'typescript');
    expect(result).toMatchObject({ ok: true, output: '42\n' });
  });

  it('reports a throw, a syntax error and a runaway loop', async () => {
    const thrown = await runSnippet("console.log('a');\nnull.x;", 'javascript');
    expect(thrown.ok).toBe(false);
    expect(thrown.message).toContain('TypeError');
    expect(thrown.output).toBe('a\n');
    const syntax = await runSnippet('let = ;', 'javascript');
    expect(syntax).toMatchObject({ ok: false });
    expect(syntax.message).toContain('syntax error on line 1');
    const loop = await runSnippet('for (;;) {}', 'javascript', { timeMs: 200 });
    expect(loop.ok).toBe(false);
    expect(loop.message).toContain('Time limit');
  });
});
