/** Joins a cohort from its invite link (`/cohorts/join?token=…`). */
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { useMe } from '../../auth/api/use-me.ts';

export function JoinCohortPage() {
  const me = useMe();
  const navigate = useNavigate();
  const token = new URLSearchParams(globalThis.location?.search ?? '').get('token') ?? '';
  const join = useMutation({
    mutationFn: () => post<{ id: string }>('/api/cohorts/join', { token }),
    onSuccess: (c) => navigate({ to: '/cohorts/$cohortId', params: { cohortId: c.id } }),
  });
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Join a cohort</h1>
        <p>Your mentor will see your progress and submissions, and can comment on them.</p>
        {me.data ? (
          <button
            type="button"
            className="button primary"
            disabled={join.isPending || !token}
            onClick={() => join.mutate()}
          >
            Join the cohort
          </button>
        ) : (
          <p>
            <Link to="/sign-in">Sign in</Link> first, then open the invite link again.
          </p>
        )}
        <FormError error={join.error} />
      </div>
    </section>
  );
}
