/** My cohorts, and (for mentors) creating one with its invite link. */
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import { useMe } from '../../auth/api/use-me.ts';
import { useCohorts, useCreateCohort } from '../api/use-cohorts.ts';

export function CohortsPage() {
  const me = useMe();
  const cohorts = useCohorts();
  const create = useCreateCohort();
  const [name, setName] = useState('');
  if (cohorts.isPending) return <Loading />;
  if (cohorts.isError) return <ErrorState error={cohorts.error} />;
  const canCreate = me.data && me.data.role !== 'learner';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name, { onSuccess: () => setName('') });
  };
  return (
    <div className="page narrow stack">
      <h1>Cohorts</h1>
      {cohorts.data.length === 0 ? (
        <p className="muted">You are not in a cohort yet.</p>
      ) : (
        <ul className="card cohort-list">
          {cohorts.data.map((c) => (
            <li key={c.id}>
              <Link to="/cohorts/$cohortId" params={{ cohortId: c.id }}>
                {c.name}
              </Link>{' '}
              <span className="pill">{c.role}</span>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <form className="card" onSubmit={submit}>
          <h2>New cohort</h2>
          <Field label="Cohort name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          <FormError error={create.error} />
          <button type="submit" className="button primary" disabled={create.isPending}>
            Create cohort
          </button>
        </form>
      )}
    </div>
  );
}
