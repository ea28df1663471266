/** Create an account; the server mails a confirmation code, which the next page accepts. */
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { readLocalProgress } from '../../../lib/local-progress.ts';
import { GitHubButton } from './github-button.tsx';
import './auth.css';

export function SignUpPage() {
  const signUp = useMutation({
    mutationFn: (form: FormData) =>
      post<{ message: string }>('/api/auth/sign-up', {
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
