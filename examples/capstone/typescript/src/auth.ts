/** Password hashing (scrypt), opaque bearer tokens and the sign-in rate limiter. */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 64);
  return { hash: key.toString('hex'), salt: salt.toString('hex') };
}

export async function verifyPassword(password: string, hash: string, salt: string): Promise<boolean> {
  const key = await scryptAsync(password, Buffer.from(salt, 'hex'), 64);
  return timingSafeEqual(key, Buffer.from(hash, 'hex'));
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Counts failed sign-ins per email in a sliding window; in memory, which is fine for one process. */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;

  constructor(max = 5, windowMs = 60_000) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Seconds until the next attempt is allowed, or 0 if it is allowed now. */
  retryAfter(email: string, now = Date.now()): number {
    const recent = (this.failures.get(email) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(email, recent);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000));
  }

  fail(email: string, now = Date.now()): void {
    this.failures.set(email, [...(this.failures.get(email) ?? []), now]);
  }

  succeed(email: string): void {
    this.failures.delete(email);
  }
}
