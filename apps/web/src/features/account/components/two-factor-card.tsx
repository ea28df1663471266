/**
 * Two-factor sign-in: when it is off, set it up (a key for an authenticator app, confirmed with a
 * code, then recovery codes); when it is on, turn it off with a code or a recovery code. Whether it
 * is on comes from `/api/me`, so only the action that applies is offered.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';
import { meKey } from '../../auth/api/use-me.ts';

/** A base32 key in blocks of four, as authenticator apps show it and people type it. */
export const groupKey = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const refreshMe = () => qc.invalidateQueries({ queryKey: meKey });
  const setup = useMutation({
    mutationFn: () => post<{ secret: string; otpauthUri: string }>('/api/auth/two-factor/setup'),
  });
  const enable = useMutation({
    mutationFn: () => post<{ recoveryCodes: string[] }>('/api/auth/two-factor/enable', { code }),
    onSuccess: () => {
      setCode('');
      void refreshMe();
    },
  });
  const disable = useMutation({
    mutationFn: () => post('/api/auth/two-factor/disable', /^\d{6}$/.test(code) ? { code } : { recoveryCode: code }),
    onSuccess: () => {
      setCode('');
      setup.reset();
      enable.reset();
      void refreshMe();
    },
  });

  const error = setup.error ?? enable.error ?? disable.error;
  let body: ReactNode;
  if (enable.data) {
    body = (
      <div role="status">
        <p className="alert success">Two-factor sign-in is on. Keep these recovery codes somewhere safe:</p>
        <pre className="console">{enable.data.recoveryCodes.join('\n')}</pre>
      </div>
    );
  } else if (enabled) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      disable.mutate();
    };
    body = (
      <>
        <p>
          <span className="pill ok">On</span> Each sign-in asks for a code from your authenticator app.
        </p>
        <form onSubmit={submit}>
          <Field
            label="To turn it off: a current code or a recovery code"
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            autoComplete="one-time-code"
          />
          <button type="submit" className="button" disabled={!code || disable.isPending}>
            Turn off
          </button>
        </form>
      </>
    );
  } else if (setup.data) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      enable.mutate();
    };
    body = (
      <>
        <p>
          Add this key to your authenticator app: <code className="totp-key">{groupKey(setup.data.secret)}</code> (or
          open <a href={setup.data.otpauthUri}>the setup link</a> on your phone), then enter the code it shows.
        </p>
        <form onSubmit={submit}>
          <Field
            label="Code from the app"
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            autoComplete="one-time-code"
            inputMode="numeric"
          />
          <button type="submit" className="button" disabled={!code || enable.isPending}>
            Turn on
          </button>
        </form>
      </>
    );
  } else {
    body = (
      <>
        {disable.isSuccess && (
          <p className="alert success" role="status">
            Two-factor sign-in is off.
          </p>
        )}
        <p className="muted">Ask for a code from an authenticator app each time you sign in.</p>
        <button type="button" className="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
          Set up two-factor sign-in
        </button>
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="tfa-title">
      <h2 id="tfa-title">Two-factor sign-in</h2>
      {body}
      <FormError error={error} />
    </section>
  );
}
