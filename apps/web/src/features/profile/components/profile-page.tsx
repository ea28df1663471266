/** Public profile settings, the badge snippet to copy, and the stage credentials: earned, how to earn, withdrawn. */
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import { useMe } from '../../auth/api/use-me.ts';
import { CredentialsOverview } from '../../credentials/components/credentials-overview.tsx';
import { type PortfolioSettings, usePortfolioSettings, useSavePortfolio } from '../api/use-portfolio.ts';
import { CopyField } from './copy-field.tsx';

export function ProfilePage() {
  const me = useMe();
  const settings = usePortfolioSettings();
  if (settings.isPending || me.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  const fallbackHandle = (me.data?.name ?? 'learner')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return (
    <ProfileForm initial={settings.data} fallbackHandle={fallbackHandle.length >= 3 ? fallbackHandle : 'learner'} />
  );
}

function ProfileForm({ initial, fallbackHandle }: { initial: PortfolioSettings | null; fallbackHandle: string }) {
  const save = useSavePortfolio();
  const [s, setS] = useState<PortfolioSettings>(
    initial ?? {
      handle: fallbackHandle,
      published: false,
      displayName: null,
      bio: null,
      showStages: true,
      showExercises: true,
      showProjects: true,
    },
  );
  const saved = save.data ?? initial;
  const origin = globalThis.location?.origin ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(s);
  };
  const check = (key: 'published' | 'showStages' | 'showExercises' | 'showProjects', label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={s[key]} onChange={(e) => setS({ ...s, [key]: e.target.checked })} /> {label}
    </label>
  );
  return (
    <div className="page narrow stack">
      <h1>Your public profile</h1>
      <form className="card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="handle">Handle</label>
          <input
            id="handle"
            value={s.handle}
            onChange={(e) => setS({ ...s, handle: e.target.value })}
            required
            pattern="[a-zA-Z0-9][a-zA-Z0-9\-]{1,37}[a-zA-Z0-9]"
            aria-describedby="handle-hint"
          />
          <span id="handle-hint" className="hint">
            Your page will be at {origin}/u/{s.handle || '…'}
          </span>
        </div>
        <div className="field">
          <label htmlFor="display-name">Display name</label>
          <input
            id="display-name"
            value={s.displayName ?? ''}
            maxLength={80}
            onChange={(e) => setS({ ...s, displayName: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor="bio">Bio</label>
          <textarea
            id="bio"
            value={s.bio ?? ''}
            maxLength={500}
            onChange={(e) => setS({ ...s, bio: e.target.value || null })}
          />
        </div>
        {check('published', 'Publish my profile')}
        {check('showStages', 'Show stages with a credential')}
        {check('showExercises', 'Show solved exercises')}
        {check('showProjects', 'Show capstone projects')}
        <FormError error={save.error} />
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save profile'}
        </button>
        {save.isSuccess && (
          <span role="status" className="muted">
            {' '}
            Saved.
          </span>
        )}
      </form>
      {saved?.published && (
        <section className="card stack" aria-labelledby="share-title">
          <h2 id="share-title">Share it</h2>
          <p>
            <Link to="/u/$handle" params={{ handle: saved.handle }}>
              View your public page
            </Link>
          </p>
          <img src={`/api/portfolio/${saved.handle}/badge.svg`} alt="Your Backpath badge" height="20" />
          <CopyField
            label="Badge for a README (Markdown)"
            value={`[![Backpath](${origin}/api/portfolio/${saved.handle}/badge.svg)](${origin}/u/${saved.handle})`}
          />
        </section>
      )}
      <CredentialsOverview />
    </div>
  );
}
