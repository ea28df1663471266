/** Chooses a new password with the token from the mailed reset link. */
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { tokenFromHash } from './token-from-hash.ts';
import './auth.css';

export function ResetPasswordPage() {
  const reset = useMutation({
    mutationFn: (form: FormData) =>
      post('/api/auth/password-reset/confirm', { token: form.get('token'), password: form.get('password') }),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    reset.mutate(new FormData(e.currentTarget));
  };
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Choose a new password</h1>
        {reset.isSuccess ? (
          <div role="status">
            <p className="alert success">Your password is changed; other sessions were signed out.</p>
            <Link to="/sign-in" className="button primary block">
              Sign in
            </Link>
          </div>
        ) : (
          <form onSubmit={submit}>
            <Field label="Reset code" name="token" defaultValue={tokenFromHash()} required autoComplete="off" />
            <Field
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
            />
            <FormError error={reset.error} />
            <button type="submit" className="button primary block" disabled={reset.isPending}>
              Change password
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
