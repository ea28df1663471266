/**
 * Search: a field (focused on arrival, so `/` or Ctrl-K then typing just works), results as the
 * learner types (lessons, exercises, quiz questions and their own notes), each with a snippet whose
 * matching words are marked, and "showing results for" when a typo was corrected. The query lives in
 * the URL, so a search can be shared and the back button returns to it.
 */
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { ErrorState } from '../../../components/ui/query-state.tsx';
import { MIN_QUERY, type SearchResult, useSearchResults } from '../api/use-search.ts';
import './search.css';

const KIND: Record<SearchResult['kind'], string> = {
  lesson: 'Lesson',
  exercise: 'Exercise',
  question: 'Quiz question',
  note: 'Your note',
};

export function Snippet({ parts }: { parts: SearchResult['snippet'] }) {
  return (
    <p className="search-snippet">
      {parts.map((p, i) =>
        p.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <mark key={i}>{p.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

export function SearchPage() {
  const { q: initial = '' } = useSearch({ strict: false }) as { q?: string };
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const [debounced, setDebounced] = useState(initial);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(q);
      void navigate({ to: '/search', search: { q } as never, replace: true });
    }, 200);
    return () => clearTimeout(timer);
  }, [q, navigate]);
  const answer = useSearchResults(debounced);
  const ready = debounced.trim().length >= MIN_QUERY;
  const results = answer.data?.results ?? [];

  return (
    <div className="page narrow stack">
      <h1>Search</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not in React's JSX types yet; the role is equivalent */}
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="site-search">Search lessons, exercises, quiz questions and your notes</label>
        <input
          id="site-search"
          ref={field}
          type="search"
          className="search-field"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={200}
          autoComplete="off"
          aria-describedby="search-hint"
        />
        <p id="search-hint" className="muted">
          Press <kbd>/</kbd> or <kbd>Ctrl</kbd> <kbd>K</kbd> anywhere to come back here.
        </p>
      </form>
      {answer.isError && <ErrorState error={answer.error} />}
      <div aria-live="polite" className="stack">
        {ready && answer.data && (
          <p className="muted">
            {answer.data.correctedQuery && (
              <>
                Showing results for <strong>{answer.data.correctedQuery}</strong>.{' '}
              </>
            )}
            {results.length === 0
              ? 'Nothing found. Try fewer or different words.'
              : `${results.length} result${results.length === 1 ? '' : 's'}.`}
          </p>
        )}
      </div>
      {ready && results.length > 0 && (
        <ol className="search-results">
          {results.map((r) => (
            <li key={r.url + r.title} className="card">
              <span className="search-kind">{KIND[r.kind]}</span>
              <h2>
                <Link to={r.url as never}>{r.title}</Link>
              </h2>
              <Snippet parts={r.snippet} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
