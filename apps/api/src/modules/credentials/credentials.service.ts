/**
 * Stage credentials, issued only on graded evidence (ADR 012): when every exercise and quiz of a
 * stage (and for the practice stage every capstone stage) has passed on this instance, the learner
 * gets one signed credential for it (ADR 006) listing that evidence. Credentials from before the
 * rule are audited: re-signed with their evidence when it holds, revoked with a reason when not.
 */
import { randomUUID } from 'node:crypto';
import { notFound } from '../../errors.ts';
import { notifyCredentialIssued } from '../notifications/notify.ts';
import type { CurrentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { signCredential } from './credential-payload.ts';
import * as repo from './credentials.repository.ts';
import { loadSigningKey, type SigningKey } from './signing-key.ts';
import {
  allStageEvidence,
  capstoneStageId,
  type EvidenceItem,
  type StageEvidence,
  shortfall,
} from './stage-evidence.ts';

type Learner = Pick<CurrentUser, 'id' | 'name'>;

export interface CredentialSummary {
  id: string;
  stageId: string;
  stageTitle: string;
  issuedAt: string;
  url: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokedReason: string | null;
  evidence: EvidenceItem[];
}

/** How many unaudited credentials one start-up pass looks at per batch. */
const AUDIT_BATCH = 200;

export class CredentialsService {
  readonly #ctx: LearningContext;
  #key: Promise<SigningKey> | undefined;

  constructor(ctx: LearningContext) {
    this.#ctx = ctx;
  }

  key(): Promise<SigningKey> {
    this.#key ??= loadSigningKey(this.#ctx.db).catch((err) => {
      this.#key = undefined;
      throw err;
    });
    return this.#key;
  }

  async jwks() {
    return { keys: [(await this.key()).publicJwk] };
  }

  get issuer(): string {
    return this.#ctx.config.publicUrl;
  }

  /**
   * Audits the learner's old credentials, issues one for every stage whose evidence holds and has
   * no valid credential yet, and lists them all (revoked ones too, with their reason).
   */
  async sync(user: Learner): Promise<CredentialSummary[]> {
    return (await this.#sync(user)).credentials;
  }

  async #sync(user: Learner): Promise<{ credentials: CredentialSummary[]; evidence: StageEvidence[] }> {
    const evidence = await allStageEvidence(this.#ctx.db, this.#ctx.content, user.id);
    const byStage = new Map(evidence.map((e) => [e.stageId, e]));
    const rows = await repo.listForUser(this.#ctx.db, user.id);
    for (const row of rows.filter((r) => r.evidence === null && r.revoked_at === null)) {
      await this.#audit(row, byStage.get(this.#stageId(row)), user.name);
    }
    const valid = new Set(
      (await repo.listForUser(this.#ctx.db, user.id)).filter((r) => r.revoked_at === null).map((r) => this.#stageId(r)),
    );
    for (const e of evidence.filter((s) => s.holds && !valid.has(s.stageId))) {
      const id = randomUUID();
      const issuedAt = new Date();
      const jwt = await this.#sign(id, user, e, issuedAt);
      await repo.insertCredential(this.#ctx.db, {
        id,
        userId: user.id,
        stageId: e.stageId,
        jwt,
        issuedAt,
        evidence: e.items,
      });
      await notifyCredentialIssued(this.#ctx.db, { userId: user.id, credentialId: id, stageTitle: e.stageTitle });
    }
    return { credentials: (await repo.listForUser(this.#ctx.db, user.id)).map((r) => this.#summary(r)), evidence };
  }

  /** Per stage: what its credential needs, what is passed and what is left, and the credential if earned. */
  async checklist(user: Learner) {
    const { credentials, evidence } = await this.#sync(user);
    return {
      stages: evidence.map((e) => ({
        stageId: e.stageId,
        stageTitle: e.stageTitle,
        stageNumber: e.stageNumber,
        complete: e.holds,
        passed: e.items.filter((i) => i.passed).length,
        total: e.items.length,
        items: e.items,
        credential: credentials.find((c) => c.stageId === e.stageId && c.status === 'valid') ?? null,
      })),
    };
  }

  /** One credential, public: the JWT, the issuer to expect, its evidence and whether it was revoked. */
  async get(id: string) {
    let row = await repo.getById(this.#ctx.db, id);
    if (!row) throw notFound('Credential', id);
    if (row.evidence === null && row.revoked_at === null) {
      // Not audited yet (the start-up audit has not reached it): check it before vouching for it.
      const evidence = await allStageEvidence(this.#ctx.db, this.#ctx.content, row.user_id);
      const stageId = this.#stageId(row);
      await this.#audit(
        row,
        evidence.find((e) => e.stageId === stageId),
        await repo.learnerName(this.#ctx.db, row.user_id),
      );
      row = (await repo.getById(this.#ctx.db, id))!;
    }
    // The issuer a verifier should expect in the JWT's `iss`: this instance's public URL.
    return { ...this.#summary(row), issuer: this.issuer, jwt: row.jwt };
  }

  /**
   * The start-up audit: every credential issued before graded evidence was required is re-signed
   * with its evidence when that holds, and revoked with the reason when it does not. Idempotent, and
   * safe when several processes start at once (each update is conditional).
   */
  async auditAll(): Promise<{ audited: number; revoked: number }> {
    let audited = 0;
    let revoked = 0;
    const seen = new Set<string>();
    for (;;) {
      // A row another process is auditing right now may come back once; never loop on it.
      const rows = (await repo.listUnaudited(this.#ctx.db, AUDIT_BATCH)).filter((r) => !seen.has(r.id));
      if (rows.length === 0) break;
      for (const r of rows) seen.add(r.id);
      const users = new Map<string, repo.CredentialRow[]>();
      for (const r of rows) users.set(r.user_id, [...(users.get(r.user_id) ?? []), r]);
      for (const [userId, own] of users) {
        const evidence = await allStageEvidence(this.#ctx.db, this.#ctx.content, userId);
        const name = await repo.learnerName(this.#ctx.db, userId);
        for (const row of own) {
          const e = evidence.find((s) => s.stageId === this.#stageId(row));
          if (!(await this.#audit(row, e, name))) revoked++;
          audited++;
        }
      }
    }
    return { audited, revoked };
  }

  /** Re-signs (true) or revokes (false) one unaudited credential against its stage's evidence. */
  async #audit(row: repo.CredentialRow, evidence: StageEvidence | undefined, name: string): Promise<boolean> {
    if (!evidence) {
      await repo.revoke(
        this.#ctx.db,
        row.id,
        'Its stage is no longer on the roadmap, so its graded work cannot be checked.',
      );
      return false;
    }
    if (!evidence.holds) {
      await repo.revoke(
        this.#ctx.db,
        row.id,
        'Issued before credentials required passed graded work, and that work is not all passed on this instance ' +
          `(${shortfall(evidence)}).`,
      );
      return false;
    }
    const jwt = await this.#sign(row.id, { id: row.user_id, name }, evidence, new Date(row.issued_at));
    await repo.attachEvidence(this.#ctx.db, row.id, jwt, evidence.items);
    return true;
  }

  async #sign(id: string, learner: Learner, evidence: StageEvidence, issuedAt: Date): Promise<string> {
    const stage = this.#ctx.content.curriculum.stages.find((s) => s.id === evidence.stageId)!;
    return signCredential(await this.key(), {
      id,
      issuer: this.issuer,
      roadmapTitle: this.#ctx.content.curriculum.title,
      learner: { id: learner.id, name: learner.name },
      stage,
      capstone: capstoneStageId(this.#ctx.content) === stage.id,
      evidence: evidence.items,
      issuedAt,
    });
  }

  #stageId(r: repo.CredentialRow): string {
    return this.#ctx.content.resolve(r.stage_id) ?? r.stage_id;
  }

  #summary(r: repo.CredentialRow): CredentialSummary {
    const stageId = this.#stageId(r);
    const stage = this.#ctx.content.curriculum.stages.find((s) => s.id === stageId);
    return {
      id: r.id,
      stageId,
      stageTitle: stage?.title ?? r.stage_id,
      issuedAt: new Date(r.issued_at).toISOString(),
      url: `${this.issuer}/api/credentials/${r.id}`,
      status: r.revoked_at ? 'revoked' : 'valid',
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      revokedReason: r.revoked_reason,
      evidence: r.evidence ?? [],
    };
  }
}
