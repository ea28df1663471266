import { describe, expect, it } from 'vitest';
import { type PublicJwk, verifyCredential } from './verify-credential.ts';

const ISSUER = 'https://learn.example.org';
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const enc = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));

async function keyPair(kid: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
  return { privateKey: pair.privateKey, jwk: { ...jwk, kid, alg: 'EdDSA' } };
}

async function sign(privateKey: CryptoKey, header: object, payload: object) {
  const input = `${enc(header)}.${enc(payload)}`;
  const sig = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(input)),
  );
  return `${input}.${b64url(sig)}`;
}

const now = Math.floor(Date.now() / 1000);
const payload = {
  iss: ISSUER,
  sub: 'urn:backpath:learner:1',
  iat: now - 60,
  nbf: now - 60,
  vc: {
    issuer: { id: ISSUER, name: 'Backpath' },
    credentialSubject: { name: 'Ada Lovelace', achievement: { name: 'Internet basics' } },
  },
};

describe('verifyCredential', () => {
  it('accepts a credential signed by a published key, naming issuer, learner and stage', async () => {
    const { privateKey, jwk } = await keyPair('k1');
    const jwt = await sign(privateKey, { alg: 'EdDSA', kid: 'k1', typ: 'JWT' }, payload);
    const verdict = await verifyCredential(jwt, { keys: [jwk] }, ISSUER);
    expect(verdict).toMatchObject({
      valid: true,
      issuerName: 'Backpath',
      learner: 'Ada Lovelace',
      stage: 'Internet basics',
    });
  });

  it('rejects a changed claim, a changed signature, another key, another issuer and an expired one', async () => {
    const { privateKey, jwk } = await keyPair('k1');
    const header = { alg: 'EdDSA', kid: 'k1', typ: 'JWT' };
    const jwt = await sign(privateKey, header, payload);
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${enc({ ...payload, vc: { ...payload.vc, credentialSubject: { name: 'Mallory', achievement: { name: 'Internet basics' } } } })}.${s}`;
    const reasons = async (token: string, keys = [jwk], issuer = ISSUER) => {
      const v = await verifyCredential(token, { keys }, issuer);
      expect(v.valid).toBe(false);
      return v.valid ? '' : v.reason;
    };
    expect(await reasons(forged)).toMatch(/signature does not match/);
    const flipped = `${jwt.slice(0, -3)}${jwt.at(-3) === 'A' ? 'B' : 'A'}${jwt.slice(-2)}`;
    expect(await reasons(flipped)).toMatch(/signature/);

    const other = await keyPair('k1');
    expect(await reasons(jwt, [other.jwk])).toMatch(/signature does not match/);
    expect(await reasons(jwt, [{ ...jwk, kid: 'k2' }])).toMatch(/not signed with a key this instance publishes/);
    expect(await reasons(jwt, [jwk], 'https://elsewhere.example')).toMatch(/issuer/);

    const expired = await sign(privateKey, header, { ...payload, exp: now - 10 });
    expect(await reasons(expired)).toMatch(/expired/);
    const noneAlg = `${enc({ alg: 'none', kid: 'k1' })}.${jwt.split('.')[1]}.`;
    expect(await reasons(noneAlg)).toMatch(/kind of signature \("none"\) that this instance never issues/);
    expect(await reasons('not-a-jwt')).toMatch(/not a signed credential/);
  });
});
