/** Export my data, and delete my account (password or typed email to confirm). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { del } from '../../../lib/api-client.ts';

export function DangerZone() {
  const [password, setPassword] = useState('');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => del('/api/me', { password }),
    onSuccess: async () => {
      await qc.resetQueries();
      await navigate({ to: '/' });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (window.confirm('Delete your account and everything in it? This cannot be undone.')) remove.mutate();
  };
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>
        <a className="button" href="/api/me/export" download="backpath-export.json">
          Download all my data (JSON)
        </a>
      </p>
      <form onSubmit={submit}>
        <Field
          label="Password, to delete your account"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
        <FormError error={remove.error} />
        <button type="submit" className="button danger">
          Delete my account
        </button>
      </form>
    </section>
  );
}
