/** Stored credentials: the signed JWT, the evidence it was issued on, and a revocation if any. */
import type { Queryable } from '../../db/client.ts';
import type { EvidenceItem } from './stage-evidence.ts';

export interface CredentialRow {
  id: string;
  user_id: string;
  stage_id: string;
  jwt: string;
  issued_at: Date | string;
  /** Null only for credentials issued before evidence was required and not audited yet. */
  evidence: EvidenceItem[] | null;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
}

const COLUMNS = 'id, user_id, stage_id, jwt, issued_at, evidence, revoked_at, revoked_reason';

export function listForUser(db: Queryable, userId: string) {
  return db.query<CredentialRow>(
    `SELECT ${COLUMNS} FROM credentials WHERE user_id = $1 ORDER BY issued_at, stage_id, id`,
    [userId],
  );
}

export async function getById(db: Queryable, id: string): Promise<CredentialRow | undefined> {
  return (await db.query<CredentialRow>(`SELECT ${COLUMNS} FROM credentials WHERE id = $1`, [id]))[0];
}

/** Credentials issued before the evidence rule that no audit has looked at yet. */
export function listUnaudited(db: Queryable, limit: number) {
  return db.query<CredentialRow>(
    `SELECT ${COLUMNS} FROM credentials WHERE evidence IS NULL AND revoked_at IS NULL ORDER BY issued_at, id LIMIT $1`,
    [limit],
  );
}

/**
 * Inserts unless the learner already holds an unrevoked credential for the stage (two requests
 * issuing at once: one wins). Answers whether this call inserted it.
 */
export async function insertCredential(
  db: Queryable,
  row: { id: string; userId: string; stageId: string; jwt: string; issuedAt: Date; evidence: EvidenceItem[] },
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO credentials (id, user_id, stage_id, jwt, issued_at, evidence) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, stage_id) WHERE revoked_at IS NULL DO NOTHING RETURNING 1`,
    [row.id, row.userId, row.stageId, row.jwt, row.issuedAt, JSON.stringify(row.evidence)],
  );
  return inserted.length > 0;
}

/** An unaudited credential whose evidence holds: re-signed in place with its evidence listed. */
export async function attachEvidence(db: Queryable, id: string, jwt: string, evidence: EvidenceItem[]) {
  await db.query(
    'UPDATE credentials SET jwt = $2, evidence = $3 WHERE id = $1 AND evidence IS NULL AND revoked_at IS NULL',
    [id, jwt, JSON.stringify(evidence)],
  );
}

export async function revoke(db: Queryable, id: string, reason: string) {
  await db.query(
    'UPDATE credentials SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL',
    [id, reason],
  );
}

export async function learnerName(db: Queryable, userId: string): Promise<string> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId]);
  return row?.name ?? 'a learner';
}
