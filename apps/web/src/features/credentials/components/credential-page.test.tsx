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

const EVIDENCE = [
  {
    kind: 'exercise' as const,
    id: 'http-status-codes',
    title: 'Pick the status code',
    topicId: 'http',
    projectId: null,
    passed: true,
    passedAt: '2026-11-02T10:00:00.000Z',
    sha256: 'a'.repeat(64),
  },
  {
    kind: 'quiz' as const,
    id: 'http-quiz',
    title: 'HTTP in practice',
    topicId: 'http',
    projectId: null,
    passed: true,
    passedAt: '2026-11-03T10:00:00.000Z',
    sha256: 'b'.repeat(64),
  },
];

const credential = (jwt: string, extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  stageId: 'internet',
  stageTitle: 'Internet basics',
  issuedAt: new Date().toISOString(),
  issuer: ISSUER,
  jwt,
  status: 'valid' as const,
  revokedAt: null,
  revokedReason: null,
  evidence: EVIDENCE,
  ...extra,
});

/** The page's text outside the "For developers" disclosure: what a learner or visitor reads. */
const plainText = () => {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const d of copy.querySelectorAll('details')) d.remove();
  return copy.textContent ?? '';
};

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

  it('says in plain words what it proves and how to check it, listing the work with links; jargon only for developers', async () => {
    const { jwt, jwk } = await issued();
    await renderScreen(() => <CredentialVerdict credential={credential(jwt)} keys={[jwk]} />);
    await screen.findByText('Valid');
    expect(screen.getByRole('heading', { name: 'What it proves' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'How anyone can check it' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Pick the status code' }).getAttribute('href')).toBe(
      '/exercises/http-status-codes',
    );
    expect(screen.getByRole('link', { name: 'HTTP in practice' }).getAttribute('href')).toBe('/quizzes/http-quiz');
    expect(plainText()).toMatch(/passed every graded exercise and every quiz of the stage “Internet basics”/);
    for (const jargon of ['JWKS', 'VC-JWT', 'Ed25519']) expect(plainText()).not.toContain(jargon);
    // The technical details, with each item's hash, are behind the disclosure.
    const dev = document.querySelector('details')!;
    expect(dev.querySelector('summary')!.textContent).toBe('For developers');
    expect(dev.textContent).toContain('a'.repeat(64));
    expect(dev.textContent).toContain('Ed25519');
  });

  it('says Revoked, with the reason, instead of Valid when the issuer withdrew it', async () => {
    const { jwt, jwk } = await issued();
    const reason =
      'Issued before credentials required passed graded work, and that work is not all passed on this instance ' +
      '(exercises passed 0 of 4, quizzes passed 0 of 5).';
    await renderScreen(() => (
      <CredentialVerdict
        credential={credential(jwt, {
          status: 'revoked',
          revokedAt: '2026-12-05T12:00:00.000Z',
          revokedReason: reason,
          evidence: [],
        })}
        keys={[jwk]}
      />
    ));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Revoked on .+: Issued before credentials required passed graded work/);
    expect(alert.textContent).toContain('exercises passed 0 of 4, quizzes passed 0 of 5');
    expect(alert.textContent).toContain('no longer counts as proof');
    expect(screen.queryByText('Valid')).toBeNull();
    expect(plainText()).toContain('lists no checked work, so it proves nothing');
  });
});
