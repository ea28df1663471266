/** Sign in with email and password, then a two-factor code when the account has one. */
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { useAfterSignIn } from '../api/use-me.ts';
import { GitHubButton } from './github-button.tsx';
import { NoMailNote } from './no-mail-note.tsx';
import { tokenFromHash } from './token-from-hash.ts';
import './auth.css';

type Answer = { user: unknown } | { twoFactorRequired: true; challenge: string };

function takeFragmentChallenge(): string | null {
  const challenge = tokenFromHash('two-factor');
  if (challenge) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return challenge || null;
}

export function SignInPage() {
  const navigate = useNavigate();
  const afterSignIn = useAfterSignIn();
  // After "Sign in with GitHub" on an account with two-factor on, the server sends the challenge in
  // the URL fragment (never sent to a server); take it and clear it from the address bar.
  const [challenge, setChallenge] = useState<string | null>(takeFragmentChallenge);
  const signIn = useMutation({
    mutationFn: async (form: FormData): Promise<Answer> => {
      if (challenge) {
        const code = String(form.get('code') ?? '').replace(/\s/g, '');
        const body = /^\d{6}$/.test(code) ? { challenge, code } : { challenge, recoveryCode: code };
        return post<Answer>('/api/auth/two-factor/verify', body);
      }
      return post<Answer>('/api/auth/sign-in', { email: form.get('email'), password: form.get('password') });
    },
    onSuccess: async (answer) => {
      if ('twoFactorRequired' in answer) {
        setChallenge(answer.challenge);
        return;
      }
      await afterSignIn();
      await navigate({ to: '/dashboard' });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    signIn.mutate(new FormData(e.currentTarget));
  };
  return (
    <section className="page form-page">
      <div className="card">
        <h1>Sign in</h1>
        {!challenge && <NoMailNote on="sign-in" />}
        {!challenge && <GitHubButton />}
        <form onSubmit={submit}>
          {challenge ? (
            <Field
              label="Two-factor code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              hint="The 6-digit code from your authenticator app, or a recovery code."
              required
              autoFocus
            />
          ) : (
            <>
              <Field label="Email" name="email" type="email" autoComplete="email" required />
              <Field label="Password" name="password" type="password" autoComplete="current-password" required />
            </>
          )}
          <FormError error={signIn.error} />
          <button type="submit" className="button primary block" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : challenge ? 'Verify' : 'Sign in'}
          </button>
        </form>
        <p className="small">
          <Link to="/forgot-password">Forgot your password?</Link> · New here?{' '}
          <Link to="/sign-up">Create an account</Link>
        </p>
      </div>
    </section>
  );
}
