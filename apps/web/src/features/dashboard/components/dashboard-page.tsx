/** The learner's home: overall and per-stage completion, streak, a year of activity, recent submissions, what next. */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading, ProgressBar } from '../../../components/ui/query-state.tsx';
import { get } from '../../../lib/api-client.ts';
import type { Activity, Dashboard } from '../../../lib/api-types.ts';
import { Heatmap } from './heatmap.tsx';
import './dashboard.css';

export function DashboardPage() {
  const dash = useQuery({ queryKey: ['dashboard'], queryFn: () => get<Dashboard>('/api/dashboard') });
  const activity = useQuery({ queryKey: ['activity'], queryFn: () => get<Activity>('/api/activity') });
  if (dash.isPending) return <Loading label="Loading your dashboard…" />;
  if (dash.isError) return <ErrorState error={dash.error} />;
  const d = dash.data;
  return (
    <div className="page dashboard">
      <h1>Your progress</h1>
      <div className="dash-top">
        <section className="card" aria-labelledby="overall-title">
          <h2 id="overall-title">Overall</h2>
          <p className="big-number">{d.completion.percent}%</p>
          <ProgressBar percent={d.completion.percent} label="Overall completion" />
          <p className="muted small">
            {d.completion.done} of {d.completion.total} topics done
          </p>
        </section>
        <section className="card" aria-labelledby="streak-title">
          <h2 id="streak-title">Streak</h2>
          <p className="big-number">
            {d.streak.current} day{d.streak.current === 1 ? '' : 's'}
          </p>
          <p className="muted small">
            Longest: {d.streak.longest} ·{' '}
            {d.streak.activeToday ? 'You studied today.' : 'Study today to keep it going.'}
          </p>
        </section>
        <section className="card next" aria-labelledby="next-title">
          <h2 id="next-title">Up next</h2>
          {d.nextTopic ? (
            <>
              <p className="next-title">{d.nextTopic.title}</p>
              <Link to="/topics/$topicId" params={{ topicId: d.nextTopic.id }} className="button primary">
                {d.nextTopic.status === 'learning' ? 'Continue' : 'Start'}
              </Link>{' '}
              <Link to="/review" className="button">
                Daily review
              </Link>
            </>
          ) : (
            <p>You have finished every topic. Time for the capstone project!</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        {activity.data ? (
          <Heatmap days={activity.data.days} />
        ) : activity.isError ? (
          <ErrorState error={activity.error} />
        ) : (
          <Loading />
        )}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="stages-title">
          <h2 id="stages-title">Stages</h2>
          <ul className="stage-bars">
            {d.stages.map((s) => (
              <li key={s.id}>
                <span className="stage-bar-label">
                  {s.number}. {s.title}
                </span>
                <ProgressBar percent={s.percent} label={`${s.title} completion`} />
                <span className="muted small">
                  {s.done}/{s.total}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent submissions</h2>
          {d.recentSubmissions.length === 0 ? (
            <p className="muted">No submissions yet. Open a topic and try its exercises.</p>
          ) : (
            <ul className="recent">
              {d.recentSubmissions.map((s) => (
                <li key={s.id}>
                  <Link to="/exercises/$exerciseId" params={{ exerciseId: s.exerciseId }}>
                    {s.title}
                  </Link>
                  <span className={`pill ${s.verdict === 'pass' ? 'ok' : s.verdict ? 'bad' : ''}`}>
                    {s.verdict === 'pass' ? 'passed' : s.verdict === 'fail' ? 'failed' : (s.verdict ?? s.status)}
                  </span>
                  <span className="muted small">{new Date(s.createdAt).toLocaleDateString()}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
