/**
 * Verifies a stage credential (an EdDSA-signed VC-JWT) in the browser with WebCrypto: the key is
 * picked from the instance's JWKS by `kid`, the Ed25519 signature is checked over
 * `header.payload`, then the issuer and the validity dates. Nothing is trusted before the signature.
 */

export interface PublicJwk {
  kty?: string;
  crv?: string;
  x?: string;
  kid?: string;
  alg?: string;
}

export type Verdict =
  | {
      valid: true;
      issuer: string;
      issuerName: string;
      learner: string;
      stage: string;
      issuedAt: Date | null;
      expiresAt: Date | null;
    }
  | { valid: false; reason: string };

interface VcPayload {
  iss?: string;
  iat?: number;
  nbf?: number;
  exp?: number;
  vc?: {
    issuer?: { name?: string };
    credentialSubject?: { name?: string; achievement?: { name?: string } };
  };
}

function base64UrlBytes(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const decodeJson = <T>(part: string): T => JSON.parse(new TextDecoder().decode(base64UrlBytes(part))) as T;
const invalid = (reason: string): Verdict => ({ valid: false, reason });
const date = (seconds: number | undefined) => (typeof seconds === 'number' ? new Date(seconds * 1000) : null);

export async function verifyCredential(
  jwt: string,
  jwks: { keys: PublicJwk[] },
  expectedIssuer: string,
  now: Date = new Date(),
): Promise<Verdict> {
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) return invalid('this is not a signed credential.');
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string; kid?: string };
  let payload: VcPayload;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    header = decodeJson(h);
    payload = decodeJson(p);
    signature = base64UrlBytes(s);
  } catch {
    return invalid('the credential is damaged and cannot be read.');
  }
  if (header.alg !== 'EdDSA') {
    return invalid(`it uses a kind of signature ("${header.alg}") that this instance never issues.`);
  }
  const jwk = jwks.keys.find((k) => k.kid === header.kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!jwk?.x) return invalid('it was not signed with a key this instance publishes.');

  let ok: boolean;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, new TextEncoder().encode(`${h}.${p}`));
  } catch {
    return invalid('this browser cannot check the signature; try a current version of Firefox, Chrome or Safari.');
  }
  if (!ok) return invalid('the signature does not match: the credential was changed after it was issued.');

  if (payload.iss !== expectedIssuer) return invalid(`it names "${payload.iss}" as issuer, not ${expectedIssuer}.`);
  const t = now.getTime() / 1000;
  if (typeof payload.exp === 'number' && payload.exp <= t)
    return invalid(`it expired on ${date(payload.exp)!.toLocaleDateString()}.`);
  if (typeof payload.nbf === 'number' && payload.nbf > t + 60) return invalid('it is not valid yet.');
  const subject = payload.vc?.credentialSubject;
  if (!subject?.achievement?.name) return invalid('it does not name an achievement.');
  return {
    valid: true,
    issuer: payload.iss,
    issuerName: payload.vc?.issuer?.name ?? payload.iss,
    learner: subject.name ?? 'a learner',
    stage: subject.achievement.name,
    issuedAt: date(payload.iat),
    expiresAt: date(payload.exp),
  };
}
