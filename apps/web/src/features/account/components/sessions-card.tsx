/** My signed-in sessions, each revocable; the current one is marked. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, FormError } from '../../../components/ui/query-state.tsx';
import { del, get } from '../../../lib/api-client.ts';

interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export function SessionsCard() {
  const qc = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: async () => (await get<{ sessions: Session[] }>('/api/auth/sessions')).sessions,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/api/auth/sessions/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sessions'] }),
  });
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {sessions.isError && <ErrorState error={sessions.error} />}
      <ul className="plain-list">
        {sessions.data?.map((s) => (
          <li key={s.id}>
            <span>
              {s.userAgent?.slice(0, 60) ?? 'Unknown device'} · last seen {new Date(s.lastSeenAt).toLocaleString()}
              {s.current && <span className="pill ok">this device</span>}
            </span>
            {!s.current && (
              <button type="button" className="button small" onClick={() => revoke.mutate(s.id)}>
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError error={revoke.error} />
    </section>
  );
}
