/** The tester only ever talks to the learner's own machine: a `--url` off loopback is refused. */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { CliError, EXIT } from '../exit-codes.ts';
import { pinHost } from './http-client.ts';

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '');
  if (net.isIPv4(a)) return a.startsWith('127.');
  if (net.isIPv6(a)) return a === '::1' || /^::ffff:127\./i.test(a);
  return false;
}

/**
 * Resolves the URL's host and throws a usage error unless every address it names is loopback; the
 * tester's requests then go to exactly those addresses (`pinHost`), never to a later DNS answer.
 */
export async function assertLoopbackUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(EXIT.usage, `"${raw}" is not a URL.`, 'Pass something like --url http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:') {
    throw new CliError(
      EXIT.usage,
      `--url must use http:// (got ${url.protocol}).`,
      'Pass something like --url http://127.0.0.1:8080',
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const resolved = net.isIP(host) ? [] : await lookup(host, { all: true }).catch(() => []);
  const addresses = net.isIP(host) ? [host] : resolved.map((a) => a.address);
  if (addresses.length === 0 || !addresses.every(isLoopbackAddress)) {
    throw new CliError(
      EXIT.usage,
      `Refusing to test ${url.host}: the tester only contacts your own machine (127.0.0.1, ::1 or localhost).`,
      'Run your server locally and pass --url http://127.0.0.1:<port>',
    );
  }
  if (!net.isIP(host)) pinHost(host, resolved);
  return url;
}
