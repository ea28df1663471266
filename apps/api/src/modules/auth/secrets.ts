/**
 * The cryptographic primitives accounts rest on, all from node:crypto: random tokens, SHA-256
 * lookup hashes for high-entropy secrets, and scrypt (memory-hard) for passwords.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A URL-safe secret with `bytes` of randomness (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Lookup hash for a random secret: high entropy makes a fast hash safe, and lets us index it. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes or Node refuses the parameters.
    scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 256 * N * R }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Normalised so the same password typed on different keyboards/OSes hashes the same. */
const normalise = (password: string) => password.normalize('NFC');

/** `scrypt$<logN>$<r>$<p>$<salt>$<hash>`: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(normalise(password), salt, logN);
  return `scrypt$${logN}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, logN, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash || Number(r) !== R || Number(p) !== P) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(normalise(password), Buffer.from(salt, 'base64url'), Number(logN));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash uses weaker parameters than configured (rehash on the next sign-in). */
export function needsRehash(stored: string, logN: number): boolean {
  return Number(stored.split('$')[1]) < logN;
}

/** Constant-time comparison of two strings (e.g. PKCE verifiers). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
