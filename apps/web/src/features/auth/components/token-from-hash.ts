/**
 * Mailed links (and the GitHub sign-in's two-factor step) carry their single-use token in the URL
 * fragment, which is never sent to servers or logs.
 */
export function tokenFromHash(name = 'token'): string {
  const hash = globalThis.location?.hash ?? '';
  return new URLSearchParams(hash.replace(/^#/, '')).get(name) ?? '';
}
