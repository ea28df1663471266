/**
 * The roadmap: the stages as a vertical path, each stage's topics branching from it and coloured by
 * the learner's status, with completion per stage. Works the same for visitors (local progress).
 */
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading, ProgressBar } from '../../../components/ui/query-state.tsx';
import type { TopicStatus } from '../../../lib/api-types.ts';
import { STATUS_LABEL, stageCompletion } from '../../../lib/status.ts';
import { useMe } from '../../auth/api/use-me.ts';
import { useStages, useStatuses } from '../api/use-roadmap.ts';
import { StageNode } from './stage-node.tsx';
import './roadmap.css';

export function RoadmapPage() {
  const stages = useStages();
  const statuses = useStatuses();
  const me = useMe();
  if (stages.isPending) return <Loading label="Loading the roadmap…" />;
  if (stages.isError) return <ErrorState error={stages.error} />;
  const status: Record<string, TopicStatus> = statuses.data ?? {};
  const allTopics = stages.data.stages.flatMap((s) => s.topics.map((t) => t.id));
  const overall = stageCompletion(allTopics, status);
  const next =
    allTopics.find((id) => status[id] === 'learning') ??
    allTopics.find((id) => !status[id] || status[id] === 'not_started');
  return (
    <div className="page roadmap">
      <section className="roadmap-hero" aria-labelledby="roadmap-title">
        <div>
          <h1 id="roadmap-title">{stages.data.title}</h1>
          <p className="lead">
            {stages.data.stages.length} stages from your first program to a production-ready backend. Read a lesson,
            take its quiz, solve its exercises.
          </p>
          {next && (
            <Link to="/topics/$topicId" params={{ topicId: next }} className="button primary">
              {overall.done > 0 || status[next] === 'learning' ? 'Continue learning' : 'Start with the first topic'}
            </Link>
          )}
        </div>
        <section className="card overall" aria-label="Your progress">
          <p className="overall-number">
            <strong>{overall.percent}%</strong> complete
          </p>
          <ProgressBar percent={overall.percent} label="Overall completion" />
          <p className="muted small">
            {overall.done} of {overall.total} topics done
          </p>
          {me.isSuccess && !me.data && (
            <p className="small">
              Your progress is kept in this browser. <Link to="/sign-up">Create an account</Link> to keep it everywhere.
            </p>
          )}
        </section>
      </section>
      <ul className="legend" aria-label="Legend">
        {(['not_started', 'learning', 'done', 'skipped'] as const).map((s) => (
          <li key={s}>
            <span className={`dot status-${s}`} aria-hidden="true" /> {STATUS_LABEL[s]}
          </li>
        ))}
      </ul>
      <ol className="path">
        {stages.data.stages.map((stage) => (
          <StageNode key={stage.id} stage={stage} statuses={status} />
        ))}
      </ol>
    </div>
  );
}
