/**
 * The learner's status for a topic as a group of radio buttons (keyboard friendly, one choice). A
 * "done" says who vouches for it: passed (the topic's exercises and quiz passed) or self-reported.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TopicStatus } from '../../../lib/api-types.ts';
import { STATUS_LABEL, STATUS_ORDER } from '../../../lib/status.ts';
import { useMe } from '../../auth/api/use-me.ts';
import { useSetStatus, useStatuses } from '../../roadmap/api/use-roadmap.ts';
import { type TopicSource, useTopicSources } from '../api/use-topic-source.ts';

const DONE_LABEL: Record<Exclude<TopicSource, null>, string> = {
  graded: 'Done — passed',
  self: 'Done (self-reported)',
  imported: 'Done (imported)',
};

export function StatusControl({ topicId }: { topicId: string }) {
  const me = useMe();
  const signedIn = Boolean(me.data);
  const statuses = useStatuses();
  const sources = useTopicSources();
  const setStatus = useSetStatus();
  const qc = useQueryClient();
  // Set in the click handler itself, so the radio never flips back while the save is on its way.
  const [chosen, setChosen] = useState<TopicStatus | null>(null);
  const saved: TopicStatus = statuses.data?.[topicId] ?? 'not_started';
  const current = setStatus.isPending && chosen ? chosen : saved;
  const source = setStatus.isPending ? null : (sources.data?.[topicId] ?? null);
  const label = (s: TopicStatus) =>
    s === 'done' && current === 'done' && signedIn && source ? DONE_LABEL[source] : STATUS_LABEL[s];
  return (
    <fieldset className="status-control" aria-describedby={signedIn ? `status-note-${topicId}` : undefined}>
      <legend>Your status</legend>
      {STATUS_ORDER.map((s) => (
        <label key={s} className={`status-option status-${s}${current === s ? ' selected' : ''}`}>
          <input
            type="radio"
            name={`status-${topicId}`}
            value={s}
            checked={current === s}
            onChange={() => {
              setChosen(s);
              setStatus.mutate(
                { topicId, status: s },
                { onSettled: () => qc.invalidateQueries({ queryKey: ['topic-sources'] }) },
              );
            }}
          />
          {label(s)}
        </label>
      ))}
      {signedIn && (
        <p
          id={`status-note-${topicId}`}
          className="muted"
          // The note wraps under the radio buttons of this flex row.
          style={{ flexBasis: '100%', margin: '0.3rem 0 0', fontSize: '0.85rem' }}
        >
          {current === 'done' && source === 'graded'
            ? 'You passed every exercise and the quiz of this topic: it counts towards the stage’s credential.'
            : 'Marking a topic done yourself is self-reported: it helps you keep track, but only passing the ' +
              'topic’s exercises and quiz counts towards a credential.'}
        </p>
      )}
      {setStatus.isError && (
        <span role="alert" className="status-error">
          {setStatus.error.message}
        </span>
      )}
    </fieldset>
  );
}
