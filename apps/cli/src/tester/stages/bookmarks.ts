/** Helpers the bookmark stages share: random inputs, creating a bookmark, and checking one's shape. */
import type { StageContext } from '../context.ts';
import { expectEqual, expectHeader, expectJsonObject, expectStatus, expectTrue, type Json } from '../expect.ts';

export interface BookmarkInput {
  url: string;
  title: string;
  tags: string[];
}

export function randomBookmark(ctx: StageContext, tags: string[] = [ctx.runTag]): BookmarkInput {
  const r = ctx.random;
  const site = r.pick(['example.com', 'example.org', 'docs.example.net', 'blog.example.io']);
  const title = `${r.pick(['Notes on', 'Guide to', 'Why', 'How to use', 'Deep dive:'])} ${r.word(5)} ${r.word(7)}`;
  return { url: `https://${site}/${r.word(6)}/${r.int(1, 9999)}`, title, tags };
}

export function idOf(bookmark: Json): string {
  return String(bookmark.id);
}

/** Names what happened to the tags when they did not come back as sent: sorted, deduplicated, case changed. */
export function tagsHint(actual: unknown, sent: string[]): string {
  const exactly = 'Store and return "tags" exactly as sent: same order, same letter case, repeats kept.';
  if (!Array.isArray(actual) || !actual.every((t) => typeof t === 'string')) return exactly;
  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
  const unique = (list: string[]) => [...new Set(list)];
  const lower = (list: string[]) => list.map((t) => t.toLowerCase());
  let got = actual as string[];
  let want = sent;
  const problems: string[] = [];
  if (!same(unique(got).sort(), unique(want).sort()) && same(unique(lower(got)).sort(), unique(lower(want)).sort())) {
    problems.push('their letter case was changed');
    got = lower(got);
    want = lower(want);
  }
  if (same(unique(got).sort(), unique(want).sort())) {
    if (got.length < want.length) problems.push('a repeated tag was dropped (a Set?)');
    if (!same(unique(got), unique(want))) problems.push('they came back in another order (sorted?)');
  }
  return problems.length ? `The same tags came back, but ${problems.join(' and ')}. ${exactly}` : exactly;
}

/** A bookmark as the contract describes it, with the values that were sent. */
export function expectBookmark(body: Json, input: BookmarkInput, what = 'the bookmark'): void {
  expectTrue(
    typeof body.id === 'string' || typeof body.id === 'number',
    `Expected ${what} to have an "id" (string or number), got ${JSON.stringify(body.id)}.`,
  );
  expectEqual(`${what}'s "url"`, body.url, input.url);
  expectEqual(`${what}'s "title"`, body.title, input.title);
  expectEqual(`${what}'s "tags"`, body.tags, input.tags, tagsHint(body.tags, input.tags));
  expectTrue(
    typeof body.createdAt === 'string' && !Number.isNaN(Date.parse(body.createdAt)),
    `Expected ${what}'s "createdAt" to be an ISO 8601 date string, got ${JSON.stringify(body.createdAt)}.`,
  );
}

/** POST /bookmarks inside the current check, asserting 201 + Location; returns the created bookmark. */
export async function createBookmark(ctx: StageContext, input: BookmarkInput): Promise<Json> {
  const res = await ctx.request({ method: 'POST', path: '/bookmarks', json: input });
  expectStatus(res, 201, 'POST /bookmarks answers 201 Created when it stores a new bookmark.');
  const body = expectJsonObject(res);
  expectBookmark(body, input, 'the created bookmark');
  expectHeader(
    res,
    'Location',
    (v) => v === `/bookmarks/${idOf(body)}` || v.endsWith(`/bookmarks/${idOf(body)}`),
    `/bookmarks/${idOf(body)}`,
  );
  return body;
}

/** Lists with query `q`, asserting 200 and the list shape; returns items and total. */
export async function listBookmarks(ctx: StageContext, query: string): Promise<{ items: Json[]; total: number }> {
  const res = await ctx.request({ method: 'GET', path: `/bookmarks?${query}` });
  expectStatus(res, 200);
  const body = expectJsonObject(res);
  expectTrue(Array.isArray(body.items), `Expected "items" to be an array, got ${JSON.stringify(body.items)}.`);
  expectTrue(typeof body.total === 'number', `Expected "total" to be a number, got ${JSON.stringify(body.total)}.`);
  return { items: body.items as Json[], total: body.total as number };
}
