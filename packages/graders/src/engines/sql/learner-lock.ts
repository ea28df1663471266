/**
 * Pins a PGlite backend to the `learner` role for the rest of its life, with PostgreSQL's own
 * "inside a security-definer function" lock engaged, so no SQL can reach the superuser again.
 *
 * Why not `SET ROLE learner`: PGlite runs PostgreSQL in single-user mode, whose session and
 * authenticated user is always the bootstrap superuser. PostgreSQL checks `SET ROLE` against the
 * session user and `SET SESSION AUTHORIZATION` against the authenticated user, so a learner could
 * always `SET ROLE postgres`, `RESET ROLE` or `SET SESSION AUTHORIZATION postgres` back. What
 * PostgreSQL does refuse, on every path (SET, RESET, set_config(), a function's SET clause,
 * DISCARD ALL), is changing `role` or `session_authorization` while the security context carries
 * SECURITY_LOCAL_USERID_CHANGE, the flag a SECURITY DEFINER function sets for its duration. We set
 * that flag, with the learner as the current user, from JavaScript through the backend's exported
 * `SetUserIdAndSecContext` while the backend is idle. Transaction start saves this pair and abort
 * restores it, so it survives errors, COMMIT and ROLLBACK; only JavaScript can change it again.
 * See ADR 005.
 */
import type { PGlite } from '@electric-sql/pglite';

/** `miscadmin.h`: the flag PostgreSQL sets while a SECURITY DEFINER function runs. */
const SECURITY_LOCAL_USERID_CHANGE = 0x0001;
const BOOTSTRAP_SUPERUSER = 10;

/** The few backend entry points this relies on (exported by PGlite's main module for extensions). */
interface BackendMod {
  _SetUserIdAndSecContext(userId: number, context: number): void;
  _GetUserIdAndSecContext(userIdPtr: number, contextPtr: number): void;
  _GetSessionUserId(): number;
  _TransactionIdDidCommit(xid: number): number;
  _TransactionIdIsCurrentTransactionId(xid: number): number;
  _ReadNextFullTransactionId(): bigint | number;
  _malloc(size: number): number;
  HEAPU8: Uint8Array;
}

export class LockUnavailableError extends Error {}

function backend(db: PGlite): BackendMod {
  const mod = (db as unknown as { mod?: Partial<BackendMod> }).mod;
  const needed = [
    '_SetUserIdAndSecContext',
    '_GetUserIdAndSecContext',
    '_GetSessionUserId',
    '_TransactionIdDidCommit',
    '_TransactionIdIsCurrentTransactionId',
    '_ReadNextFullTransactionId',
    '_malloc',
  ] as const;
  const missing = needed.filter((name) => typeof mod?.[name] !== 'function');
  if (!mod || missing.length > 0 || !mod.HEAPU8) {
    throw new LockUnavailableError(
      `this PGlite build does not export ${missing.join(', ') || 'its heap'}; the sql grader refuses to run learner SQL without the role lock`,
    );
  }
  return mod as BackendMod;
}

/** What a run may check after the learner's SQL, straight from the backend (no SQL involved). */
export interface LearnerLock {
  readonly learnerOid: number;
  /** The current user is still the learner, under the lock, in the original session. */
  intact(): boolean;
  /** The next transaction id the backend will hand out (low 32 bits, as in `TransactionId`). */
  nextXid(): number;
  isCurrentXid(xid: number): boolean;
  didCommit(xid: number): boolean;
}

/**
 * Locks `db` (idle, outside any transaction, still the superuser) to the `learner` role and
 * proves the lock holds; throws when it cannot, so a worker without it never serves.
 */
export async function lockToLearner(db: PGlite): Promise<LearnerLock> {
  const mod = backend(db);
  if (db.isInTransaction()) throw new LockUnavailableError('the backend must be idle to be locked');
  const found = await db.query<{ oid: number }>(
    "SELECT oid::int AS oid FROM pg_catalog.pg_roles WHERE rolname = 'learner' AND NOT rolsuper",
  );
  const learnerOid = found.rows[0]?.oid;
  if (!learnerOid) throw new LockUnavailableError('the learner role is missing from the base data directory');
  const cell = mod._malloc(8);
  const read = () => {
    mod._GetUserIdAndSecContext(cell, cell + 4);
    const view = new DataView(mod.HEAPU8.buffer);
    return { user: view.getUint32(cell, true), context: view.getInt32(cell + 4, true) };
  };
  mod._SetUserIdAndSecContext(learnerOid, SECURITY_LOCAL_USERID_CHANGE);
  const lock: LearnerLock = {
    learnerOid,
    intact() {
      const { user, context } = read();
      return (
        user === learnerOid &&
        (context & SECURITY_LOCAL_USERID_CHANGE) !== 0 &&
        mod._GetSessionUserId() === BOOTSTRAP_SUPERUSER
      );
    },
    nextXid: () => Number(BigInt(mod._ReadNextFullTransactionId()) & 0xffffffffn),
    isCurrentXid: (xid) => mod._TransactionIdIsCurrentTransactionId(xid) !== 0,
    didCommit: (xid) => mod._TransactionIdDidCommit(xid) !== 0,
  };
  // Prove it: the learner is the current user and cannot get back to the superuser.
  const who = await db.query<{ u: string }>('SELECT current_user::text AS u');
  let escaped = true;
  try {
    await db.exec('SET ROLE postgres');
  } catch {
    escaped = false;
  }
  if (who.rows[0]?.u !== 'learner' || escaped || !lock.intact()) {
    throw new LockUnavailableError('the learner role lock did not hold in this PGlite build');
  }
  return lock;
}
