/** One stage on the roadmap path: its marker on the line, summary, completion and topic branches. */
import { Link } from '@tanstack/react-router';
import { InlineMarkdown } from '../../../components/ui/inline-markdown.tsx';
import { ProgressBar } from '../../../components/ui/query-state.tsx';
import type { StageListItem, TopicStatus } from '../../../lib/api-types.ts';
import { STATUS_LABEL, stageCompletion } from '../../../lib/status.ts';

export function StageNode({ stage, statuses }: { stage: StageListItem; statuses: Record<string, TopicStatus> }) {
  const completion = stageCompletion(
    stage.topics.map((t) => t.id),
    statuses,
  );
  const complete = completion.total > 0 && completion.done === completion.total;
  return (
    <li className={`stage${complete ? ' complete' : ''}`} aria-labelledby={`stage-${stage.id}`}>
      <div className="stage-marker" aria-hidden="true">
        {complete ? '✓' : stage.number}
      </div>
      <div className="stage-body card">
        <div className="stage-head">
          <h2 id={`stage-${stage.id}`}>
            <span className="visually-hidden">Stage {stage.number}: </span>
            {stage.title}
          </h2>
          <span className="stage-count">
            {completion.done}/{completion.total} done
          </span>
        </div>
        <p className="stage-summary">
          <InlineMarkdown text={stage.summary} />
        </p>
        <ProgressBar percent={completion.percent} label={`${stage.title} completion`} />
        <ul className="topics">
          {stage.topics.map((topic) => {
            const s = statuses[topic.id] ?? 'not_started';
            return (
              <li key={topic.id}>
                <Link
                  to="/topics/$topicId"
                  params={{ topicId: topic.id }}
                  className={`topic-chip status-${s}`}
                  aria-label={`${topic.title} (${STATUS_LABEL[s]})`}
                  data-topic={topic.id}
                  data-status={s}
                >
                  <span className={`dot status-${s}`} aria-hidden="true" />
                  <span className="topic-title">{topic.title}</span>
                  <span className="topic-meta" aria-hidden="true">
                    {topic.minutes} min
                    {topic.exerciseCount > 0
                      ? ` · ${topic.exerciseCount} exercise${topic.exerciseCount > 1 ? 's' : ''}`
                      : ''}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
