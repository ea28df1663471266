/**
 * The opt-in public profile: the learner chooses a handle and which sections to show; the public
 * view shows only those, each backed by evidence graded here (a stage counts as completed only with
 * a valid credential, i.e. all its graded work passed; self-reported topics never show). Nothing is
 * public until `published` is true.
 */
import { AppError, notFound } from '../../errors.ts';
import type { CredentialsService } from '../credentials/credentials.service.ts';
import type { LearningContext } from '../progress/learning-context.ts';

export interface PortfolioSettings {
  handle: string;
  published: boolean;
  displayName: string | null;
  bio: string | null;
  showStages: boolean;
  showExercises: boolean;
  showProjects: boolean;
}

interface Row {
  user_id: string;
  handle: string;
  published: boolean;
  display_name: string | null;
  bio: string | null;
  show_stages: boolean;
  show_exercises: boolean;
  show_projects: boolean;
}

const toSettings = (r: Row): PortfolioSettings => ({
  handle: r.handle,
  published: r.published,
  displayName: r.display_name,
  bio: r.bio,
  showStages: r.show_stages,
  showExercises: r.show_exercises,
  showProjects: r.show_projects,
});

export class PortfolioService {
  readonly #ctx: LearningContext;
  readonly #credentials: CredentialsService;

  constructor(ctx: LearningContext, credentials: CredentialsService) {
    this.#ctx = ctx;
    this.#credentials = credentials;
  }

  async mine(userId: string): Promise<PortfolioSettings | null> {
    const [row] = await this.#ctx.db.query<Row>('SELECT * FROM portfolios WHERE user_id = $1', [userId]);
    return row ? toSettings(row) : null;
  }

  async save(userId: string, s: PortfolioSettings): Promise<PortfolioSettings> {
    const [taken] = await this.#ctx.db.query<{ user_id: string }>(
      'SELECT user_id FROM portfolios WHERE lower(handle) = lower($1)',
      [s.handle],
    );
    if (taken && taken.user_id !== userId) throw new AppError('conflict', `The handle "${s.handle}" is taken.`);
    const [row] = await this.#ctx.db.query<Row>(
      `INSERT INTO portfolios (user_id, handle, published, display_name, bio, show_stages, show_exercises, show_projects)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET handle = EXCLUDED.handle, published = EXCLUDED.published,
         display_name = EXCLUDED.display_name, bio = EXCLUDED.bio, show_stages = EXCLUDED.show_stages,
         show_exercises = EXCLUDED.show_exercises, show_projects = EXCLUDED.show_projects, updated_at = now()
       RETURNING *`,
      [userId, s.handle, s.published, s.displayName, s.bio, s.showStages, s.showExercises, s.showProjects],
    );
    return toSettings(row!);
  }

  async #published(handle: string): Promise<Row> {
    const [row] = await this.#ctx.db.query<Row>(
      'SELECT * FROM portfolios WHERE lower(handle) = lower($1) AND published',
      [handle],
    );
    if (!row) throw notFound('Portfolio', handle);
    return row;
  }

  async publicView(handle: string) {
    const row = await this.#published(handle);
    const { content, db } = this.#ctx;
    const view: Record<string, unknown> = {
      handle: row.handle,
      displayName: row.display_name ?? row.handle,
      bio: row.bio,
    };
    if (row.show_stages) {
      const earned = await this.#earnedStages(row);
      view.stages = {
        completed: earned.length,
        total: content.curriculum.stages.length,
        items: earned,
      };
    }
    if (row.show_exercises) {
      const solved = await db.query<{ exercise_id: string; solved_at: Date | string }>(
        `SELECT exercise_id, min(graded_at) AS solved_at FROM submissions
         WHERE user_id = $1 AND mode = 'submit' AND verdict = 'pass' AND NOT imported
         GROUP BY exercise_id ORDER BY solved_at`,
        [row.user_id],
      );
      const items = solved.flatMap((r) => {
        const e = content.curriculum.exercises.get(content.resolve(r.exercise_id) ?? '');
        return e ? [{ id: e.id, title: e.title, kind: e.kind, solvedAt: new Date(r.solved_at).toISOString() }] : [];
      });
      view.exercises = { solved: items.length, items };
    }
    if (row.show_projects) {
      const reports = await db.query<{ project_id: string; passed_stages: string[] }>(
        'SELECT project_id, passed_stages FROM project_reports WHERE user_id = $1',
        [row.user_id],
      );
      view.projects = [...content.curriculum.projects.values()].flatMap((p) => {
        const passed = new Set(reports.filter((r) => r.project_id === p.id).flatMap((r) => r.passed_stages));
        if (passed.size === 0) return [];
        return [
          {
            id: p.id,
            title: p.title,
            stagesPassed: p.stages.filter((s) => passed.has(s.id)).map((s) => ({ number: s.number, title: s.title })),
            totalStages: p.stages.length,
          },
        ];
      });
    }
    return view;
  }

  async badgeCounts(handle: string) {
    const row = await this.#published(handle);
    return { completed: (await this.#earnedStages(row)).length, total: this.#ctx.content.curriculum.stages.length };
  }

  /** Stages with a valid credential (graded evidence), in roadmap order. */
  async #earnedStages(row: Row) {
    const creds = await this.#credentials.sync({ id: row.user_id, name: row.display_name ?? row.handle });
    const credOf = new Map(creds.filter((c) => c.status === 'valid').map((c) => [c.stageId, c.url]));
    return this.#ctx.content.curriculum.stages
      .filter((s) => credOf.has(s.id))
      .map((s) => ({ id: s.id, number: s.number, title: s.title, credentialUrl: credOf.get(s.id)! }));
  }
}
