/**
 * Stage credentials: for each stage a learner completes, an Open Badges 3.0 credential (a W3C
 * Verifiable Credential) issued once as a JWT signed with the instance's Ed25519 key (VC-JWT).
 */
import { randomUUID } from 'node:crypto';
import type { Stage } from '@backpath/curriculum';
import { SignJWT } from 'jose';
import { notFound } from '../../errors.ts';
import { completedStages } from '../progress/compute-progress.ts';
import type { CurrentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import { loadSigningKey, type SigningKey } from './signing-key.ts';

interface CredentialRow {
  id: string;
  stage_id: string;
  jwt: string;
  issued_at: Date | string;
}

interface GradedWork {
  exercises: { passed: number; total: number };
  quizzes: { passed: number; total: number };
}

export class CredentialsService {
  readonly #ctx: LearningContext;
  readonly #progress: ProgressService;
  #key: Promise<SigningKey> | undefined;

  constructor(ctx: LearningContext, progress: ProgressService) {
    this.#ctx = ctx;
    this.#progress = progress;
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

  /** Issues a credential for every completed stage that has none yet, then lists them. */
  async sync(user: Pick<CurrentUser, 'id' | 'name'>) {
    const done = completedStages(await this.#progress.view(user.id));
    const existing = await this.#rows(user.id);
    const have = new Set(existing.map((r) => this.#ctx.content.resolve(r.stage_id) ?? r.stage_id));
    for (const stageId of done.filter((id) => !have.has(id))) {
      const stage = this.#ctx.content.curriculum.stages.find((s) => s.id === stageId)!;
      const id = randomUUID();
      const jwt = await this.#sign(id, user, stage, await this.#gradedWork(user.id, stage));
      await this.#ctx.db.query(
        'INSERT INTO credentials (id, user_id, stage_id, jwt) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, stage_id) DO NOTHING',
        [id, user.id, stageId, jwt],
      );
    }
    return (await this.#rows(user.id)).map((r) => this.#summary(r));
  }

  async get(id: string) {
    const [row] = await this.#ctx.db.query<CredentialRow>(
      'SELECT id, stage_id, jwt, issued_at FROM credentials WHERE id = $1',
      [id],
    );
    if (!row) throw notFound('Credential', id);
    // The issuer a verifier should expect in the JWT's `iss`: this instance's public URL.
    return { ...this.#summary(row), issuer: this.issuer, jwt: row.jwt };
  }

  async #rows(userId: string) {
    return this.#ctx.db.query<CredentialRow>(
      'SELECT id, stage_id, jwt, issued_at FROM credentials WHERE user_id = $1 ORDER BY issued_at, stage_id',
      [userId],
    );
  }

  #summary(r: CredentialRow) {
    const stageId = this.#ctx.content.resolve(r.stage_id) ?? r.stage_id;
    const stage = this.#ctx.content.curriculum.stages.find((s) => s.id === stageId);
    return {
      id: r.id,
      stageId,
      stageTitle: stage?.title ?? r.stage_id,
      issuedAt: new Date(r.issued_at).toISOString(),
      url: `${this.issuer}/api/credentials/${r.id}`,
    };
  }

  /**
   * What of the stage's graded work the learner passed on this instance (imported work excluded):
   * a topic can be marked done by hand, so the credential says how much of it was verified.
   */
  async #gradedWork(userId: string, stage: Stage): Promise<GradedWork> {
    const { content, db } = this.#ctx;
    const exercises = stage.topics.flatMap((t) => content.topicExercises(t));
    const quizzes = stage.topics.flatMap((t) => content.topicQuiz(t) ?? []);
    const [passedExercises, passedQuizzes] = await Promise.all([
      db.query<{ id: string }>(
        `SELECT DISTINCT exercise_id AS id FROM submissions WHERE user_id = $1 AND exercise_id = ANY($2::text[])
         AND mode = 'submit' AND verdict = 'pass' AND NOT imported`,
        [userId, exercises.flatMap((id) => content.aliases(id))],
      ),
      db.query<{ id: string }>(
        'SELECT DISTINCT quiz_id AS id FROM quiz_attempts WHERE user_id = $1 AND quiz_id = ANY($2::text[]) AND passed AND NOT imported',
        [userId, quizzes.flatMap((id) => content.aliases(id))],
      ),
    ]);
    const distinct = (rows: { id: string }[]) => new Set(rows.map((r) => content.resolve(r.id))).size;
    return {
      exercises: { passed: distinct(passedExercises), total: exercises.length },
      quizzes: { passed: distinct(passedQuizzes), total: quizzes.length },
    };
  }

  async #sign(id: string, user: Pick<CurrentUser, 'id' | 'name'>, stage: Stage, work: GradedWork): Promise<string> {
    const key = await this.key();
    const now = new Date();
    const credentialId = `urn:uuid:${id}`;
    const subject = `urn:backpath:learner:${user.id}`;
    const vc = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: credentialId,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: this.issuer, type: ['Profile'], name: 'Backpath' },
      validFrom: now.toISOString(),
      name: `Completed: ${stage.title}`,
      credentialSubject: {
        id: subject,
        type: ['AchievementSubject'],
        name: user.name,
        achievement: {
          id: `${this.issuer}/achievements/${stage.id}`,
          type: ['Achievement'],
          name: stage.title,
          description: stage.summary,
          criteria: {
            narrative:
              `Completed every topic of stage ${stage.number} of the ${this.#ctx.content.curriculum.title}. ` +
              'A topic is completed by the learner or by passing its graded work; the evidence says how much ' +
              'of the graded work was passed on this instance.',
          },
        },
      },
      evidence: [
        {
          id: `${this.issuer}/api/credentials/${id}`,
          type: ['Evidence'],
          name: `${stage.topics.length} topics completed`,
          narrative:
            `Exercises passed, graded on ${this.issuer}: ${work.exercises.passed} of ${work.exercises.total}. ` +
            `Quizzes passed: ${work.quizzes.passed} of ${work.quizzes.total}.`,
        },
      ],
    };
    return new SignJWT({ vc })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(subject)
      .setJti(credentialId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .sign(key.privateKey);
  }
}
