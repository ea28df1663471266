/** My portfolio settings and the public view of a portfolio. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../../lib/api-client.ts';

export interface PortfolioSettings {
  handle: string;
  published: boolean;
  displayName: string | null;
  bio: string | null;
  showStages: boolean;
  showExercises: boolean;
  showProjects: boolean;
}
export interface PublicPortfolio {
  handle: string;
  displayName: string;
  bio: string | null;
  stages?: {
    completed: number;
    total: number;
    items: { id: string; number: number; title: string; credentialUrl: string | null }[];
  };
  exercises?: { solved: number; items: { id: string; title: string; kind: string; solvedAt: string }[] };
  projects?: { id: string; title: string }[];
}

export const usePortfolioSettings = () =>
  useQuery({
    queryKey: ['portfolio'],
    queryFn: async () => (await get<{ settings: PortfolioSettings | null }>('/api/portfolio')).settings,
  });

export function useSavePortfolio() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: PortfolioSettings) => put<PortfolioSettings>('/api/portfolio', s),
    onSuccess: (s) => qc.setQueryData(['portfolio'], s),
  });
}

export const usePublicPortfolio = (handle: string) =>
  useQuery({ queryKey: ['public-portfolio', handle], queryFn: () => get<PublicPortfolio>(`/api/portfolio/${handle}`) });
