/** Approves (or denies) a `backpath login` from the terminal by the code it shows (`/device?code=…`). */
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { CliInstall } from '../../../components/ui/cli-install.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { FormError, Loading } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { useMe } from '../api/use-me.ts';
import './auth.css';

export function DevicePage() {
  const me = useMe();
  const [code, setCode] = useState(() => new URLSearchParams(globalThis.location?.search ?? '').get('code') ?? '');
  const decide = useMutation({
    mutationFn: (d: 'approve' | 'deny') => post(`/api/auth/device/${d}`, { userCode: code.trim().toUpperCase() }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate('approve');
  };
  if (me.isPending) return <Loading />;
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Sign in the command line</h1>
        {!me.data ? (
          <p>
            <Link to="/sign-in">Sign in</Link> first, then open this page again.
          </p>
        ) : decide.isSuccess ? (
          <p className="alert success" role="status">
            {decide.variables === 'approve'
              ? 'Approved: you can go back to your terminal.'
              : 'Denied: that login will not work.'}
          </p>
        ) : (
          <form onSubmit={submit}>
            <p>Only approve a code that your own terminal shows right now.</p>
            <Field
              label="Code from the terminal"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              autoComplete="off"
            />
            <FormError error={decide.error} />
            <div className="actions">
              <button type="submit" className="button primary">
                Approve
              </button>
              <button type="button" className="button" disabled={!code.trim()} onClick={() => decide.mutate('deny')}>
                Deny
              </button>
            </div>
          </form>
        )}
        <CliInstall />
      </div>
    </section>
  );
}
