/** The signed-in learner's notifications: the unread count (polled), the list, mark-read and preferences. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put } from '../../../lib/api-client.ts';

export type NotificationKind = 'comment' | 'reply' | 'review_due' | 'credential';

export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

interface Page {
  items: Notification[];
  nextCursor: string | null;
}

export type Preferences = Record<NotificationKind, { inApp: boolean }>;

const keys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** How often an open tab asks for the count (it also asks when the tab regains focus). */
export const UNREAD_POLL_MS = 60_000;

export const useUnreadCount = (enabled: boolean) =>
  useQuery({
    queryKey: keys.count,
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
    queryFn: async () => (await get<{ count: number }>('/api/notifications/unread-count')).count ?? 0,
  });

export const useNotifications = () =>
  useInfiniteQuery({
    queryKey: keys.list,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<Page>(`/api/notifications${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor,
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export const usePreferences = () =>
  useQuery({ queryKey: keys.preferences, queryFn: () => get<Preferences>('/api/notifications/preferences') });

export function useSetPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, inApp }: { kind: NotificationKind; inApp: boolean }) =>
      put<Preferences>('/api/notifications/preferences', { [kind]: { inApp } }),
    onSuccess: (prefs) => qc.setQueryData(keys.preferences, prefs),
  });
}
