/** A topic's lesson, and the learner's private notes and links on it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '../../../lib/api-client.ts';
import type { TopicDetail } from '../../../lib/api-types.ts';

export interface Note {
  body: string;
  html: string;
}
export interface TopicLink {
  id: string;
  url: string;
  title: string;
}

export function useTopic(topicId: string) {
  return useQuery({ queryKey: ['topic', topicId], queryFn: () => get<TopicDetail>(`/api/topics/${topicId}`) });
}

export function useNote(topicId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['note', topicId],
    enabled,
    queryFn: () => get<Note>(`/api/topics/${topicId}/notes`),
  });
}

export function useSaveNote(topicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => put<Note>(`/api/topics/${topicId}/notes`, { body }),
    onSuccess: (note) => qc.setQueryData(['note', topicId], note),
  });
}

export function useLinks(topicId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['links', topicId],
    enabled,
    queryFn: async () => (await get<{ items: TopicLink[] }>(`/api/topics/${topicId}/links`)).items,
  });
}

export function useLinkActions(topicId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['links', topicId] });
  return {
    add: useMutation({
      mutationFn: (link: { url: string; title?: string }) => post(`/api/topics/${topicId}/links`, link),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => del(`/api/topics/${topicId}/links/${id}`),
      onSuccess: refresh,
    }),
  };
}
