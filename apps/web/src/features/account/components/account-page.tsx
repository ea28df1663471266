/** Account settings: sessions, API tokens, two-factor sign-in, data export and import, and deleting the account. */
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { useMe } from '../../auth/api/use-me.ts';
import { DangerZone } from './danger-zone.tsx';
import { ImportCard } from './import-card.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { TokensCard } from './tokens-card.tsx';
import { TwoFactorCard } from './two-factor-card.tsx';

export function AccountPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} />;
  if (!me.data) return <ErrorState error={Object.assign(new Error('Sign in first.'), { status: 401 })} />;
  return (
    <div className="page narrow stack">
      <h1>Account</h1>
      <p className="muted">
        Signed in as <strong>{me.data.name}</strong> ({me.data.email}) · {me.data.role}
      </p>
      <SessionsCard />
      <TwoFactorCard enabled={me.data.twoFactorEnabled} />
      <TokensCard />
      <ImportCard />
      <DangerZone />
    </div>
  );
}
