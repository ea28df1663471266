/** Asks the server to mail a password-reset link (the same answer whether or not the address exists). */
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import './auth.css';

export function ForgotPasswordPage() {
  const request = useMutation({
    mutationFn: (email: string) => post<{ message?: string }>('/api/auth/password-reset/request', { email }),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    request.mutate(String(new FormData(e.currentTarget).get('email')));
  };
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Reset your password</h1>
        {request.isSuccess ? (
          <p className="alert success" role="status">
            {request.data?.message ?? 'If that address has an account, a reset link is on its way.'}
          </p>
        ) : (
          <form onSubmit={submit}>
            <Field label="Email" name="email" type="email" autoComplete="email" required />
            <FormError error={request.error} />
            <button type="submit" className="button primary block" disabled={request.isPending}>
              Send the reset link
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
