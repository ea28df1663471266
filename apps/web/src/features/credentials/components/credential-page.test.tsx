import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import type { PublicJwk } from '../lib/verify-credential.ts';
import { CredentialVerdict } from './credential-page.tsx';

afterEach(cleanup);

const ISSUER = 'https://learn.example.org';
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const enc = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));

async function issued() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = { ...((await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk), kid: 'k1' };
  const payload = {
    iss: ISSUER,
    iat: Math.floor(Date.now() / 1000) - 5,
    vc: { issuer: { name: 'Backpath' }, credentialSubject: { name: 'Ada', achievement: { name: 'Internet basics' } } },
  };
  const input = `${enc({ alg: 'EdDSA', kid: 'k1' })}.${enc(payload)}`;
  const sig = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(input)),
  );
  return { jwt: `${input}.${b64url(sig)}`, jwk, payload };
}

const credential = (jwt: string) => ({
  id: 'c1',
  stageId: 'internet',
  stageTitle: 'Internet basics',
  issuedAt: new Date().toISOString(),
  issuer: ISSUER,
  jwt,
});

describe('CredentialVerdict', () => {
  it('says Valid, with issuer, learner and stage, and offers the JWT for download', async () => {
    const { jwt, jwk } = await issued();
    await renderScreen(() => <CredentialVerdict credential={credential(jwt)} keys={[jwk]} />);
    await screen.findByText('Valid');
    const status = document.querySelector('.credential.valid')!;
    expect(status.textContent).toMatch(
      /Valid — issued by Backpath \(https:\/\/learn\.example\.org\) to Ada for stage Internet basics/,
    );
    expect(screen.getByRole('button', { name: 'Download the credential (JWT)' })).toBeTruthy();
  });

  it('says Not valid when the credential was changed', async () => {
    const { jwt, jwk, payload } = await issued();
    const [h, , s] = jwt.split('.');
    const tampered = `${h}.${enc({ ...payload, vc: { ...payload.vc, credentialSubject: { name: 'Mallory', achievement: { name: 'Internet basics' } } } })}.${s}`;
    await renderScreen(() => <CredentialVerdict credential={credential(tampered)} keys={[jwk]} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not valid: the signature does not match/);
    expect(screen.queryByText('Valid')).toBeNull();
  });
});
