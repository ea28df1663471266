/** Confirms an email address from the mailed link (token in the fragment) or a pasted code. */
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { tokenFromHash } from './token-from-hash.ts';
import './auth.css';

export function VerifyEmailPage() {
  const [token] = useState(tokenFromHash);
  const verify = useMutation({ mutationFn: (t: string) => post('/api/auth/verify-email', { token: t }) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for the token in the link
  useEffect(() => {
    if (token) verify.mutate(token);
  }, []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    verify.mutate(String(new FormData(e.currentTarget).get('token') ?? '').trim());
  };
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Confirm your email</h1>
        {verify.isSuccess ? (
          <div role="status">
            <p className="alert success">Your email address is confirmed.</p>
            <Link to="/sign-in" className="button primary block">
              Sign in
            </Link>
          </div>
        ) : (
          <form onSubmit={submit}>
            <Field label="Confirmation code" name="token" defaultValue={token} required autoComplete="off" />
            <FormError error={verify.error} />
            <button type="submit" className="button primary block" disabled={verify.isPending}>
              {verify.isPending ? 'Confirming…' : 'Confirm'}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
