/**
 * OAuth 2.0 device authorization (RFC 8628) for `backpath login`: the CLI gets a device code and a
 * short user code, the user approves the user code in a signed-in browser, and the CLI's polling
 * then receives a personal API token (read + write) exactly once.
 */
import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { audit } from '../admin/audit-log.ts';
import { createToken } from '../tokens/tokens.repository.ts';
import type { AuthDeps } from './auth-deps.ts';
import { randomToken, sha256 } from './secrets.ts';

export const DEVICE_INTERVAL_SECONDS = 5;
export const DEVICE_TTL_SECONDS = 600;
// No vowels or look-alikes: codes cannot spell words and survive being read aloud. 20^8 ≈ 2.6e10.
const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

const normaliseUserCode = (code: string) => code.toUpperCase().replace(/[^A-Z]/g, '');

export async function startDeviceFlow(deps: AuthDeps) {
  const deviceCode = randomToken(32);
  const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  await deps.db.query(
    `INSERT INTO device_codes (device_code_hash, user_code, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [sha256(deviceCode), raw, DEVICE_TTL_SECONDS],
  );
  return {
    deviceCode,
    userCode: `${raw.slice(0, 4)}-${raw.slice(4)}`,
    verificationUri: `${deps.config.publicUrl}/device`,
    intervalSeconds: DEVICE_INTERVAL_SECONDS,
    expiresInSeconds: DEVICE_TTL_SECONDS,
  };
}

type Decision = 'approved' | 'denied';

export async function decideDevice(deps: AuthDeps, req: FastifyRequest, userCode: string, decision: Decision) {
  const rows = await deps.db.query(
    `UPDATE device_codes SET status = $2, user_id = $3
     WHERE user_code = $1 AND status = 'pending' AND expires_at > now() RETURNING user_code`,
    [normaliseUserCode(userCode), decision, req.user!.id],
  );
  if (rows.length === 0) throw new AppError('not_found', 'That code is unknown, expired or already used.');
  if (decision === 'approved') await audit(deps.db, { event: 'device.approved', userId: req.user!.id, ip: req.ip });
}

export async function pollDevice(deps: AuthDeps, req: FastifyRequest, deviceCode: string): Promise<{ token: string }> {
  const { db } = deps;
  const [row] = await db.query<{ status: string; expired: boolean; too_soon: boolean }>(
    `UPDATE device_codes d SET last_polled_at = now() FROM device_codes old
     WHERE d.device_code_hash = $1 AND old.device_code_hash = d.device_code_hash
     RETURNING d.status, d.expires_at <= now() AS expired,
       (old.last_polled_at IS NOT NULL AND old.last_polled_at > now() - make_interval(secs => $2)) AS too_soon`,
    [sha256(deviceCode), DEVICE_INTERVAL_SECONDS],
  );
  if (!row || row.expired || row.status === 'consumed') throw deviceError('expired_token', 'The code has expired.');
  if (row.status === 'denied') throw deviceError('access_denied', 'The login was denied.');
  if (row.status === 'pending') {
    if (row.too_soon) throw deviceError('slow_down', `Poll at most every ${DEVICE_INTERVAL_SECONDS} seconds.`);
    throw deviceError('authorization_pending', 'Waiting for the user to approve the code.');
  }
  // Consume and issue in one transaction: two racing polls cannot both get a token.
  return db.transaction(async (tx) => {
    const [claimed] = await tx.query<{ user_id: string }>(
      `UPDATE device_codes SET status = 'consumed' WHERE device_code_hash = $1 AND status = 'approved' RETURNING user_id`,
      [sha256(deviceCode)],
    );
    if (!claimed) throw deviceError('expired_token', 'The code has expired.');
    const created = await createToken(tx, claimed.user_id, 'CLI (device login)', ['read', 'write']);
    await audit(tx, {
      event: 'token.created',
      userId: claimed.user_id,
      ip: req.ip,
      details: { tokenId: created.id, via: 'device' },
    });
    return { token: created.token };
  });
}

const deviceError = (code: 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied', m: string) =>
  new AppError(code, m);
