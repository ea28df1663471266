/** The mail the server has written (admins only), newest first, optionally for one address. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';

export interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
  transport: 'smtp' | 'outbox';
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

export interface Outbox {
  mailServer: boolean;
  messages: OutboxMessage[];
}

export function useOutbox(to: string) {
  const query = new URLSearchParams({ limit: '100', ...(to ? { to } : {}) });
  return useQuery({
    queryKey: ['admin', 'mail-outbox', to],
    queryFn: () => get<Outbox>(`/api/admin/mail-outbox?${query}`),
    retry: false,
  });
}
