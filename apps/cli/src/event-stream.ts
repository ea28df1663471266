/**
 * Reads a server-sent events stream (`text/event-stream`) from a fetch body, event by event: Node
 * (22+) has no EventSource, and the CLI needs only `event` and `data` lines, so this is the parser.
 */
export interface ServerEvent {
  event: string;
  data: string;
}

/** Yields each complete event; `id:` and `retry:` lines and `:` comments are skipped, as is a trailing half event. */
export async function* readEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const lines = function* () {
    while (true) {
      const end = buffer.search(/\r\n|\r|\n/);
      // A lone CR at the end may be the first half of a CRLF still on the wire.
      if (end < 0 || (end === buffer.length - 1 && buffer.endsWith('\r'))) return;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      yield line;
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const line of lines()) {
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}
