/** The server-sent events parser, fed the way a network delivers bytes: in arbitrary pieces. */
import { describe, expect, test } from 'vitest';
import { readEvents, type ServerEvent } from './event-stream.ts';

async function parse(...pieces: string[]): Promise<ServerEvent[]> {
  const bytes = pieces.map((p) => new TextEncoder().encode(p));
  const out: ServerEvent[] = [];
  for await (const e of readEvents(
    (async function* () {
      yield* bytes;
    })(),
  ))
    out.push(e);
  return out;
}

describe('readEvents', () => {
  test('reads the server’s one `result` event', async () => {
    expect(await parse('event: result\ndata: {"id":"s1","status":"graded"}\n\n')).toEqual([
      { event: 'result', data: '{"id":"s1","status":"graded"}' },
    ]);
  });

  test('joins events split anywhere, even inside a CRLF or a multi-byte character', async () => {
    const text = 'event: result\r\ndata: {"message":"Résultat ✓"}\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) pieces.push(bytes.slice(i, i + 3));
    const out: ServerEvent[] = [];
    for await (const e of readEvents(
      (async function* () {
        yield* pieces;
      })(),
    ))
      out.push(e);
    expect(out).toEqual([{ event: 'result', data: '{"message":"Résultat ✓"}' }]);
  });

  test('skips comments, ids and empty events; joins data lines; defaults the name to message', async () => {
    expect(
      await parse(': keep-alive\n\n', 'id: 7\nretry: 1000\n\n', 'data: a\ndata:b\n\n', 'event: timeout\ndata: {}\n\n'),
    ).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'timeout', data: '{}' },
    ]);
  });

  test('drops an event cut off before its blank line', async () => {
    expect(await parse('event: result\ndata: {"id":"s1"}\n')).toEqual([]);
  });
});
