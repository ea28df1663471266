/**
 * A topic: the lesson, its resources and prerequisites, the learner's status, notes and links,
 * the quiz and the exercises, and the way on to the next topic.
 */
import { Link, useParams } from '@tanstack/react-router';
import { InlineMarkdown } from '../../../components/ui/inline-markdown.tsx';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { RenderedHtml } from '../../../components/ui/rendered-html.tsx';
import { useMe } from '../../auth/api/use-me.ts';
import { useTopic } from '../api/use-topic.ts';
import { NotesPanel } from './notes-panel.tsx';
import { StatusControl } from './status-control.tsx';
import './topic.css';

const KIND_LABEL: Record<string, string> = {
  sql: 'SQL',
  code: 'Code',
  tests: 'Tests',
  http: 'HTTP handler',
  redis: 'Redis',
  document: 'Documents',
  config: 'Config',
  local: 'On your machine',
};

export function TopicPage() {
  const { topicId } = useParams({ from: '/topics/$topicId' });
  const topic = useTopic(topicId);
  const me = useMe();
  if (topic.isPending) return <Loading label="Loading the lesson…" />;
  if (topic.isError) return <ErrorState error={topic.error} />;
  const t = topic.data;
  return (
    <div className="page topic-layout">
      <article className="lesson">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Roadmap</Link> <span aria-hidden="true">›</span> <span>{t.title}</span>
        </nav>
        <h1>{t.title}</h1>
        <p className="lead">
          <InlineMarkdown text={t.summary} />
        </p>
        <p className="muted small">About {t.minutes} minutes</p>
        {t.prerequisites.length > 0 && (
          <p className="prereqs">
            Before this:{' '}
            {t.prerequisites.map((p, i) => (
              <span key={p.id}>
                {i > 0 && ', '}
                <Link to="/topics/$topicId" params={{ topicId: p.id }}>
                  {p.title}
                </Link>
              </span>
            ))}
          </p>
        )}
        <StatusControl topicId={t.id} />
        <RenderedHtml html={t.html} />
        <nav className="pager" aria-label="Topics">
          {t.previous ? (
            <Link to="/topics/$topicId" params={{ topicId: t.previous.id }} className="button">
              ← {t.previous.title}
            </Link>
          ) : (
            <span />
          )}
          {t.next && (
            <Link to="/topics/$topicId" params={{ topicId: t.next.id }} className="button primary" rel="next">
              Next topic: {t.next.title} →
            </Link>
          )}
        </nav>
      </article>
      <aside className="topic-side stack" aria-label="Practice and resources">
        <section className="card" aria-labelledby="practice-title">
          <h2 id="practice-title">Practice</h2>
          {t.quizId && (
            <Link to="/quizzes/$quizId" params={{ quizId: t.quizId }} className="button primary block">
              Take the quiz
            </Link>
          )}
          {t.exercises.length > 0 ? (
            <ul className="exercise-list">
              {t.exercises.map((e) => (
                <li key={e.id}>
                  <Link to="/exercises/$exerciseId" params={{ exerciseId: e.id }}>
                    {e.title}
                  </Link>
                  <span className="pill">{KIND_LABEL[e.kind] ?? e.kind}</span>
                  <span className="pill">{e.difficulty}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">This topic has no exercises; the quiz checks what you learned.</p>
          )}
        </section>
        {t.resources.length > 0 && (
          <section className="card" aria-labelledby="resources-title">
            <h2 id="resources-title">Resources</h2>
            <ul className="resource-list">
              {t.resources.map((r) => (
                <li key={r.url}>
                  <a href={r.url} target="_blank" rel="noopener noreferrer">
                    {r.title}
                  </a>{' '}
                  <span className="pill">{r.type}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {me.data ? (
          <NotesPanel topicId={t.id} />
        ) : (
          <section className="card">
            <h2>Notes</h2>
            <p className="muted small">
              <Link to="/sign-up">Create an account</Link> to keep private notes and links on each topic.
            </p>
          </section>
        )}
      </aside>
    </div>
  );
}
