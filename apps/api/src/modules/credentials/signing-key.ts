/**
 * The instance's credential signing key: an Ed25519 key pair generated on first use, kept in
 * `instance_settings`, and published (public half only) as a JWKS so anyone can verify offline.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';

const SETTING = 'credential_signing_key';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey & { kid: string; alg: 'EdDSA'; use: 'sig' };
}

interface Stored {
  kid: string;
  privateJwk: JsonWebKey;
}

function generate(): Stored {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'jwk' });
  // RFC 7638-style thumbprint over the required members: stable and derived from the key itself.
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x }))
    .digest('base64url');
  return { kid, privateJwk: privateKey.export({ format: 'jwk' }) };
}

function toKey(stored: Stored): SigningKey {
  const { d: _d, ...pub } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: createPrivateKey({ key: stored.privateJwk, format: 'jwk' }),
    publicJwk: { ...pub, kid: stored.kid, alg: 'EdDSA', use: 'sig' },
  };
}

/** Loads the key, creating it once; concurrent first starts agree on one key (insert-if-absent). */
export async function loadSigningKey(db: Queryable): Promise<SigningKey> {
  const read = async () =>
    (await db.query<{ value: Stored }>('SELECT value FROM instance_settings WHERE key = $1', [SETTING]))[0]?.value;
  let stored = await read();
  if (!stored) {
    await db.query('INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      SETTING,
      JSON.stringify(generate()),
    ]);
    stored = await read();
  }
  return toKey(stored!);
}
