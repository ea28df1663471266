/** Mailed links carry their single-use token in the URL fragment (never sent to servers or logs). */
export function tokenFromHash(): string {
  const hash = globalThis.location?.hash ?? '';
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
