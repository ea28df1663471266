/** A learner's public portfolio: stages earned with a credential (graded work only), solved exercises, projects. */
import { useParams } from '@tanstack/react-router';
import { ErrorState, Loading, ProgressBar } from '../../../components/ui/query-state.tsx';
import { usePublicPortfolio } from '../api/use-portfolio.ts';

export function PublicPortfolioPage() {
  const { handle } = useParams({ from: '/u/$handle' });
  const p = usePublicPortfolio(handle);
  if (p.isPending) return <Loading />;
  if (p.isError) return <ErrorState error={p.error} />;
  const d = p.data;
  return (
    <div className="page narrow stack">
      <header>
        <h1>{d.displayName}</h1>
        <p className="muted">@{d.handle} · learning backend engineering on Backpath</p>
        {d.bio && <p>{d.bio}</p>}
      </header>
      {d.stages && (
        <section className="card" aria-labelledby="p-stages">
          <h2 id="p-stages">
            Stages completed: {d.stages.completed} of {d.stages.total}
          </h2>
          <p className="muted">
            A stage counts once every exercise and quiz in it was passed and checked on Backpath; each has a credential
            anyone can check.
          </p>
          <ProgressBar
            percent={d.stages.total ? Math.round((d.stages.completed / d.stages.total) * 100) : 0}
            label="Stages completed"
          />
          <ul>
            {d.stages.items.map((s) => (
              <li key={s.id}>
                {s.number}. {s.title}{' '}
                {s.credentialUrl && (
                  // The verification page, not the raw JWT: it checks the signature in the visitor's browser.
                  <a href={s.credentialUrl.replace(/^.*\/api\/credentials\//, '/credentials/')}>credential</a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.exercises && (
        <section className="card" aria-labelledby="p-ex">
          <h2 id="p-ex">Exercises solved: {d.exercises.solved}</h2>
          <ul>
            {d.exercises.items.map((e) => (
              <li key={e.id}>
                {e.title} <span className="pill">{e.kind}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
