/**
 * Typo tolerance for search: the words of the curriculum with their frequencies, and for a query
 * word the curriculum does not contain, the closest word it does (optimal string alignment
 * distance: insertions, deletions, substitutions and swaps of neighbours), so "idempotant" finds
 * "idempotent". Built once per process from the search documents (some 20,000 distinct words);
 * a lookup scans only the words of about the same length. PostgreSQL's pg_trgm would do the same
 * inside the database, but it is an extension PGlite loads only on request and managed PostgreSQL
 * services do not all allow; the curriculum is in memory anyway.
 */
const WORD = /[a-z][a-z0-9]{2,}/g;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Optimal string alignment distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

export class Vocabulary {
  readonly #count = new Map<string, number>();
  readonly #byLength = new Map<number, string[]>();

  constructor(texts: Iterable<string>) {
    for (const text of texts) for (const w of words(text)) this.#count.set(w, (this.#count.get(w) ?? 0) + 1);
    for (const w of this.#count.keys()) {
      const list = this.#byLength.get(w.length) ?? [];
      list.push(w);
      this.#byLength.set(w.length, list);
    }
  }

  get size(): number {
    return this.#count.size;
  }

  has(word: string): boolean {
    return this.#count.has(word);
  }

  /** The word itself when known or too short to guess at; else the closest known word, if one is close. */
  correct(word: string): string {
    const w = word.toLowerCase();
    if (w.length < 4 || this.#count.has(w) || /\d/.test(w)) return w;
    const max = w.length <= 5 ? 1 : 2;
    let best: { word: string; distance: number; count: number } | undefined;
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const candidate of this.#byLength.get(len) ?? []) {
        const distance = editDistance(w, candidate, max);
        if (distance > max) continue;
        const count = this.#count.get(candidate)!;
        if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
          best = { word: candidate, distance, count };
        }
      }
    }
    return best?.word ?? w;
  }
}
