/**
 * Create an account. The server mails a confirmation code, which the next page accepts; on a server
 * without mail the first account is the admin and signs in at once, and later ones ask the admin
 * for their link (ADR 011).
 */
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { readLocalProgress } from '../../../lib/local-progress.ts';
import { GitHubButton } from './github-button.tsx';
import { NoMailNote } from './no-mail-note.tsx';
import './auth.css';

export function SignUpPage() {
  const signUp = useMutation({
    mutationFn: (form: FormData) =>
      post<{ message: string; next: 'sign-in' | 'check-email' | 'ask-admin' }>('/api/auth/sign-up', {
        name: form.get('name'),
        email: form.get('email'),
        password: form.get('password'),
      }),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    signUp.mutate(new FormData(e.currentTarget));
  };
  const kept = Object.keys(readLocalProgress()).length;
  if (signUp.isSuccess && signUp.data.next === 'sign-in') {
    return (
      <section className="page form-page">
        <div className="card" role="status">
          <h1>You are the admin</h1>
          <p>{signUp.data.message}</p>
          <p className="muted">
            This Backpath has no mail server. When others sign up, their confirmation links wait on the{' '}
            <Link to="/admin/outbox">Outbox page</Link> for you to pass on.
          </p>
          <Link to="/sign-in" className="button primary block">
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  if (signUp.isSuccess && signUp.data.next === 'ask-admin') {
    return (
      <section className="page form-page">
        <div className="card" role="status">
          <h1>Ask the admin for your link</h1>
          <p>{signUp.data.message}</p>
          <p>Open the link the admin gives you, or paste its code here:</p>
          <Link to="/verify-email" className="button primary block">
            Enter the confirmation code
          </Link>
        </div>
      </section>
    );
  }
  if (signUp.isSuccess) {
    return (
      <section className="page form-page">
        <div className="card" role="status">
          <h1>Check your email</h1>
          <p>{signUp.data.message}</p>
          <p>Open the link in the message, or paste its code here:</p>
          <Link to="/verify-email" className="button primary block">
            Enter the confirmation code
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Create your account</h1>
        <p className="muted">Free, and your progress follows you to every device.</p>
        <NoMailNote on="sign-up" />
        {kept > 0 && (
          <p className="alert success small">
            The {kept} topic{kept > 1 ? 's' : ''} you marked in this browser will be added to your account when you sign
            in.
          </p>
        )}
        <GitHubButton />
        <form onSubmit={submit}>
          <Field label="Name" name="name" autoComplete="name" required maxLength={100} />
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint="At least 10 characters; a long phrase is easiest to remember."
          />
          <FormError error={signUp.error} />
          <button type="submit" className="button primary block" disabled={signUp.isPending}>
            {signUp.isPending ? 'Creating…' : 'Create account'}
          </button>
        </form>
        <p className="small">
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </section>
  );
}
