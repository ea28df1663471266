/**
 * Says plainly what happens on a server without mail (ADR 011): the first account becomes the
 * admin and signs in at once; everyone else gets their confirmation link from the admin.
 */
import { useSignUpInfo } from '../api/use-sign-up-info.ts';

export function NoMailNote({ on }: { on: 'sign-up' | 'sign-in' }) {
  const info = useSignUpInfo().data;
  if (!info || info.mailServer) return null;
  if (info.firstAccount) {
    return (
      <p className="alert small" role="note">
        {on === 'sign-up'
          ? 'You are the first account: you will be the admin of this Backpath, and you can sign in as soon as you have signed up.'
          : 'No account exists yet. Create the first one: it becomes the admin and can sign in at once.'}
      </p>
    );
  }
  return (
    <p className="alert small" role="note">
      This Backpath has no mail server, so it sends no email: ask the admin for your confirmation link (admins find it
      on the Outbox page).
    </p>
  );
}
