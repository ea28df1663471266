/** Tokens computed from the credentials are recognised; random ones are not. */
import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { derivedFrom } from './token-derivation.ts';

const creds = { email: 'ada@example.test', password: 'correct-horse-42' };
const hash = (alg: string, text: string, enc: 'hex' | 'base64' = 'hex') => createHash(alg).update(text).digest(enc);

test.each([
  [hash('sha256', creds.email), 'sha256(email)'],
  [hash('md5', creds.password), 'md5(password)'],
  [hash('sha1', `${creds.email}:${creds.password}`), 'sha1(email:password)'],
  [hash('sha256', creds.email + creds.password, 'base64'), 'sha256(email + password)'],
  [Buffer.from(creds.email).toString('base64'), 'the email in base64'],
  [Buffer.from(creds.password).toString('hex'), 'the password in hex'],
])('%s is recognised as %s', (token, recipe) => {
  expect(derivedFrom(token, creds)).toBe(recipe);
});

test('a random token is not derived from anything', () => {
  expect(derivedFrom(randomBytes(32).toString('hex'), creds)).toBeUndefined();
  expect(derivedFrom(randomBytes(32).toString('base64url'), creds)).toBeUndefined();
});
