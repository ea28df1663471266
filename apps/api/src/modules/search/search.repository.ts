/** SQL for search: the derived curriculum index (rebuilt when content changes) and the queries. */
import type { Database } from '../../db/client.ts';
import type { SearchDocument } from './search-documents.ts';

/** Serialises index rebuilds across API processes that share a database. */
const INDEX_LOCK = 724_311_005;
/** Private-use characters mark matches in snippets: content never contains them, so nothing can fake a mark. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`;

/** Replaces the indexed documents when their checksum differs from the stored one; true when it rebuilt. */
export async function ensureIndex(db: Database, docs: SearchDocument[], checksum: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK]);
    const [state] = await tx.query<{ checksum: string }>('SELECT checksum FROM search_index_state WHERE id = 1');
    if (state?.checksum === checksum) return false;
    await tx.exec('DELETE FROM search_documents');
    const column = <K extends keyof SearchDocument>(k: K) => docs.map((d) => d[k]);
    await tx.query(
      `INSERT INTO search_documents (id, kind, ref, topic_id, title, body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [column('id'), column('kind'), column('ref'), column('topicId'), column('title'), column('body')],
    );
    await tx.query(
      `INSERT INTO search_index_state (id, checksum) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, built_at = now()`,
      [checksum],
    );
    return true;
  });
}

export interface Hit {
  kind: 'lesson' | 'exercise' | 'question' | 'note';
  ref: string;
  topic_id: string | null;
  title: string;
  snippet: string;
  rank: number;
}

/**
 * Curriculum matches, best first (a title match outweighs a body match; lessons edge out exercises,
 * which edge out single quiz prompts), then the learner's own notes. Snippets are computed for the
 * returned rows only.
 */
export async function searchCurriculum(db: Database, query: string, limit: number): Promise<Hit[]> {
  return db.query<Hit>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
     top AS (
       SELECT d.*, ts_rank_cd(d.tsv, q.query, 32)
              * CASE d.kind WHEN 'lesson' THEN 1.0 WHEN 'exercise' THEN 0.9 ELSE 0.7 END AS rank
       FROM search_documents d, q WHERE d.tsv @@ q.query
       ORDER BY rank DESC, d.id LIMIT $2)
     SELECT top.kind, top.ref, top.topic_id, top.title, ts_headline('english', top.body, q.query, $3) AS snippet, top.rank
     FROM top, q ORDER BY top.rank DESC, top.id`,
    [query, limit, HEADLINE],
  );
}

export async function searchNotes(db: Database, userId: string, query: string, limit: number): Promise<Hit[]> {
  return db.query<Hit>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query)
     SELECT 'note' AS kind, n.topic_id AS ref, n.topic_id, n.topic_id AS title,
            ts_headline('english', n.body, q.query, $4) AS snippet,
            ts_rank_cd(to_tsvector('english', n.body), q.query, 32) AS rank
     FROM topic_notes n, q
     WHERE n.user_id = $1 AND to_tsvector('english', n.body) @@ q.query
     ORDER BY rank DESC, n.topic_id LIMIT $3`,
    [userId, query, limit, HEADLINE],
  );
}
