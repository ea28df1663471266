/** Turns two-factor sign-in on (secret for an authenticator app, confirm with a code, recovery codes) or off. */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';

export function TwoFactorCard() {
  const [code, setCode] = useState('');
  const setup = useMutation({
    mutationFn: () => post<{ secret: string; otpauthUri: string }>('/api/auth/two-factor/setup'),
  });
  const enable = useMutation({
    mutationFn: () => post<{ recoveryCodes: string[] }>('/api/auth/two-factor/enable', { code }),
  });
  const disable = useMutation({
    mutationFn: () => post('/api/auth/two-factor/disable', /^\d{6}$/.test(code) ? { code } : { recoveryCode: code }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (setup.data && !enable.data) enable.mutate();
    else disable.mutate();
  };
  return (
    <section className="card" aria-labelledby="tfa-title">
      <h2 id="tfa-title">Two-factor sign-in</h2>
      {enable.data ? (
        <div role="status">
          <p className="alert success">Two-factor sign-in is on. Keep these recovery codes somewhere safe:</p>
          <pre className="console">{enable.data.recoveryCodes.join('\n')}</pre>
        </div>
      ) : setup.data ? (
        <p>
          Add this key to your authenticator app: <code>{setup.data.secret}</code> (or open{' '}
          <a href={setup.data.otpauthUri}>the setup link</a> on your phone), then enter the code it shows.
        </p>
      ) : (
        <p className="muted">Ask for a code from an authenticator app each time you sign in.</p>
      )}
      {!enable.data && (
        <form onSubmit={submit}>
          {!setup.data && (
            <button type="button" className="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
              Set up two-factor sign-in
            </button>
          )}
          <Field
            label={setup.data ? 'Code from the app' : 'To turn it off: a current code or a recovery code'}
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            autoComplete="one-time-code"
          />
          <button type="submit" className="button" disabled={!code}>
            {setup.data ? 'Turn on' : 'Turn off'}
          </button>
          {disable.isSuccess && <span role="status"> Two-factor sign-in is off.</span>}
        </form>
      )}
      <FormError error={setup.error ?? enable.error ?? disable.error} />
    </section>
  );
}
