/**
 * A learner's notifications: the list (newest first, keyset-paged), the unread count, mark-read and
 * per-kind preferences. "Review cards due" is created lazily here, when the learner's count or list
 * is read: at most one per learner per local day, and the due count is looked up at most every
 * few minutes per learner and process, so the header's polling stays cheap.
 */
import { notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { localDaySql } from '../activity/time-zone.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import type { ReviewService } from '../review/review.service.ts';
import * as repo from './notifications.repository.ts';

export interface NotificationView {
  id: string;
  kind: repo.NotificationKind;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export type Preferences = Record<repo.NotificationKind, { inApp: boolean }>;

const view = (r: repo.NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/** How long a process waits before looking at one learner's due cards again. */
const REVIEW_CHECK_MS = 5 * 60_000;
const MAX_TRACKED = 10_000;

export class NotificationsService {
  readonly #ctx: LearningContext;
  readonly #review: ReviewService;
  readonly #now: () => number;
  /** userId -> when this process may next look at their due cards. */
  readonly #nextReviewCheck = new Map<string, number>();

  constructor(ctx: LearningContext, review: ReviewService, now: () => number = Date.now) {
    this.#ctx = ctx;
    this.#review = review;
    this.#now = now;
  }

  async list(userId: string, q: { unread: boolean; limit: number; cursor?: string | undefined }, tz?: string) {
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    await this.#checkReviewDue(userId, tz);
    const rows = await repo.list(this.#ctx.db, userId, {
      unreadOnly: q.unread,
      limit: q.limit,
      ...(after ? { after } : {}),
    });
    return toPage(rows, q.limit, view);
  }

  async unreadCount(userId: string, tz?: string) {
    await this.#checkReviewDue(userId, tz);
    return { count: await repo.unreadCount(this.#ctx.db, userId) };
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    const row = await repo.markRead(this.#ctx.db, userId, id);
    if (!row) throw notFound('Notification', id);
    return view(row);
  }

  async markAllRead(userId: string) {
    return { marked: await repo.markAllRead(this.#ctx.db, userId) };
  }

  async preferences(userId: string): Promise<Preferences> {
    const prefs = await repo.preferences(this.#ctx.db, userId);
    return Object.fromEntries(repo.NOTIFICATION_KINDS.map((k) => [k, { inApp: prefs[k] }])) as Preferences;
  }

  async setPreferences(userId: string, changes: Partial<Preferences>): Promise<Preferences> {
    await this.#ctx.db.transaction(async (tx) => {
      for (const kind of repo.NOTIFICATION_KINDS) {
        const change = changes[kind];
        if (change) await repo.setPreference(tx, userId, kind, change.inApp);
      }
    });
    if (changes.review_due?.inApp) this.#nextReviewCheck.delete(userId);
    return this.preferences(userId);
  }

  async #checkReviewDue(userId: string, tz: string | undefined): Promise<void> {
    const now = this.#now();
    if ((this.#nextReviewCheck.get(userId) ?? 0) > now) return;
    if (this.#nextReviewCheck.size >= MAX_TRACKED) this.#nextReviewCheck.clear();
    this.#nextReviewCheck.set(userId, now + REVIEW_CHECK_MS);
    const db = this.#ctx.db;
    const [day] = await db.query<{ day: string }>(`SELECT ${localDaySql('$2')}::text AS day`, [userId, tz ?? null]);
    const key = `review_due:${day!.day}`;
    if (await repo.hasDedupeKey(db, userId, key)) return;
    const { count } = await this.#review.due(userId, tz, 0);
    if (count === 0) return;
    await repo.createNotification(db, {
      userId,
      kind: 'review_due',
      title: count === 1 ? '1 review card is due today' : `${count} review cards are due today`,
      body: 'A few minutes of review now keeps what you learned from fading.',
      link: '/review',
      dedupeKey: key,
    });
  }
}
