/**
 * Search over lessons, exercises, quiz prompts and the signed-in learner's notes, on PostgreSQL's
 * full-text search (which PGlite runs too). A query that finds nothing is retried with unknown
 * words replaced by the closest curriculum words, and the answer says so ("showing results for").
 */
import type { Curriculum } from '@backpath/curriculum';
import type { Database } from '../../db/client.ts';
import { ensureIndex, type Hit, MARK_END, MARK_START, searchCurriculum, searchNotes } from './search.repository.ts';
import { checksum, searchDocuments } from './search-documents.ts';
import { Vocabulary } from './vocabulary.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchResult {
  kind: Hit['kind'];
  title: string;
  url: string;
  topicId: string | null;
  snippet: SnippetPart[];
}

/** Splits a marked snippet into plain parts; the client renders them as text, so no HTML passes through. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(MARK_START)) {
    const end = piece.indexOf(MARK_END);
    if (end === -1) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), match: true });
    if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), match: false });
  }
  return parts;
}

const URLS: Record<Hit['kind'], (h: Hit) => string> = {
  lesson: (h) => `/topics/${h.ref}`,
  exercise: (h) => `/exercises/${h.ref}`,
  question: (h) => `/quizzes/${h.ref}`,
  note: (h) => `/topics/${h.ref}#notes`,
};

export class SearchService {
  readonly #db: Database;
  readonly #curriculum: Curriculum;
  readonly #vocabulary: Vocabulary;
  readonly #docs;

  constructor(db: Database, curriculum: Curriculum) {
    this.#db = db;
    this.#curriculum = curriculum;
    this.#docs = searchDocuments(curriculum);
    this.#vocabulary = new Vocabulary(this.#docs.flatMap((d) => [d.title, d.body]));
  }

  /** Brings the stored index in line with the loaded curriculum (a no-op when it already is). */
  ensureIndex(): Promise<boolean> {
    return ensureIndex(this.#db, this.#docs, checksum(this.#docs));
  }

  /** Each plain word the curriculum does not know, replaced by its closest known word. */
  correct(query: string): string {
    return query.replace(/[A-Za-z]+/g, (w) => this.#vocabulary.correct(w));
  }

  async search(query: string, userId: string | null, limit: number) {
    let hits = await this.#run(query, userId, limit);
    let correctedQuery: string | null = null;
    if (hits.length === 0) {
      const corrected = this.correct(query);
      if (corrected.toLowerCase() !== query.toLowerCase()) {
        hits = await this.#run(corrected, userId, limit);
        correctedQuery = corrected;
      }
    }
    return { query, correctedQuery, results: hits.map((h) => this.#result(h)) };
  }

  async #run(query: string, userId: string | null, limit: number): Promise<Hit[]> {
    const [content, notes] = await Promise.all([
      searchCurriculum(this.#db, query, limit),
      userId ? searchNotes(this.#db, userId, query, Math.min(limit, 10)) : Promise.resolve([]),
    ]);
    return [...content, ...notes].sort((a, b) => b.rank - a.rank).slice(0, limit);
  }

  #result(h: Hit): SearchResult {
    const title = h.kind === 'note' ? `Your notes: ${this.#curriculum.topics.get(h.ref)?.title ?? h.ref}` : h.title;
    return { kind: h.kind, title, url: URLS[h.kind](h), topicId: h.topic_id, snippet: snippetParts(h.snippet) };
  }
}
