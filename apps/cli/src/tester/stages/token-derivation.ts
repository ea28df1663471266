/**
 * Recognises tokens a beginner computes instead of generating: a hash or an encoding of the email, the
 * password or both. Such a token passes a "looks random" glance but anyone can recompute it.
 */
import { createHash } from 'node:crypto';

const HASHES = ['sha256', 'sha1', 'md5', 'sha512'] as const;

function encodings(bytes: Buffer): [hex: string, base64: string, base64url: string] {
  return [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
}

/** How `token` was derived from the credentials, e.g. "sha256(email) as hex", or undefined if it was not. */
export function derivedFrom(token: string, creds: { email: string; password: string }): string | undefined {
  const inputs: [string, string][] = [
    ['email', creds.email],
    ['password', creds.password],
    ['email + password', creds.email + creds.password],
    ['email:password', `${creds.email}:${creds.password}`],
  ];
  const wanted = token.trim();
  for (const [what, value] of inputs) {
    if (wanted === value) return `the ${what} itself`;
    const [hex, base64, base64url] = encodings(Buffer.from(value, 'utf8'));
    if (wanted === hex) return `the ${what} in hex`;
    if (wanted === base64 || wanted === base64url || wanted === base64.replace(/=+$/, ''))
      return `the ${what} in base64`;
    for (const hash of HASHES) {
      const digests = encodings(createHash(hash).update(value).digest());
      if (digests.includes(wanted) || digests.map((d) => d.toUpperCase()).includes(wanted)) return `${hash}(${what})`;
    }
  }
  return undefined;
}
