import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './password-policy.ts';
import { hashPassword, needsRehash, randomToken, sha256, verifyPassword } from './secrets.ts';

describe('password hashing', () => {
  it('hashes with scrypt at the production cost N=2^17, r=8, p=1, and verifies', async () => {
    const h = await hashPassword('Pässwörd with spaces 123', 17);
    expect(h).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('Pässwörd with spaces 123', h)).toBe(true);
  });

  it('salts every hash and refuses a different password', async () => {
    const a = await hashPassword('Pässwörd with spaces 123', 10);
    const b = await hashPassword('Pässwörd with spaces 123', 10);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Pässwörd with spaces 124', a)).toBe(false);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const h = await hashPassword('caf\u00e9-au-lait-2024', 10);
    expect(await verifyPassword('cafe\u0301-au-lait-2024', h)).toBe(true);
  });

  it('flags hashes weaker than the configured cost for an upgrade', async () => {
    const weak = await hashPassword('whatever-password', 10);
    expect(needsRehash(weak, 17)).toBe(true);
    expect(needsRehash(weak, 10)).toBe(false);
  });

  it('refuses a malformed or foreign hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$10$8$2$c2FsdA$aGFzaA')).toBe(false);
  });
});

describe('tokens and the common-password list', () => {
  it('makes 256-bit URL-safe tokens and hex SHA-256 digests', () => {
    expect(randomToken()).toMatch(/^[\w-]{43}$/);
    expect(new Set(Array.from({ length: 1000 }, () => randomToken())).size).toBe(1000);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ships ten thousand common passwords and matches them case-insensitively', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('QWERTYUIOP')).toBe(true);
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(isCommonPassword('Sturdy-Lantern-Orbit-77')).toBe(false);
  });
});
