/** GET /api/search as a query: only for two or more characters, results kept while the next ones load. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';

export interface SearchResult {
  kind: 'lesson' | 'exercise' | 'question' | 'note';
  title: string;
  url: string;
  topicId: string | null;
  snippet: { text: string; match: boolean }[];
}

export interface SearchAnswer {
  query: string;
  correctedQuery: string | null;
  results: SearchResult[];
}

export const MIN_QUERY = 2;

export const useSearchResults = (q: string) =>
  useQuery({
    queryKey: ['search', q],
    queryFn: () => get<SearchAnswer>(`/api/search?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= MIN_QUERY,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
