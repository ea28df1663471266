/** The learner's status for a topic as a group of radio buttons (keyboard friendly, one choice). */
import { useState } from 'react';
import type { TopicStatus } from '../../../lib/api-types.ts';
import { STATUS_LABEL, STATUS_ORDER } from '../../../lib/status.ts';
import { useSetStatus, useStatuses } from '../../roadmap/api/use-roadmap.ts';

export function StatusControl({ topicId }: { topicId: string }) {
  const statuses = useStatuses();
  const setStatus = useSetStatus();
  // Set in the click handler itself, so the radio never flips back while the save is on its way.
  const [chosen, setChosen] = useState<TopicStatus | null>(null);
  const saved: TopicStatus = statuses.data?.[topicId] ?? 'not_started';
  const current = setStatus.isPending && chosen ? chosen : saved;
  return (
    <fieldset className="status-control">
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
              setStatus.mutate({ topicId, status: s });
            }}
          />
          {STATUS_LABEL[s]}
        </label>
      ))}
      {setStatus.isError && (
        <span role="alert" className="status-error">
          {setStatus.error.message}
        </span>
      )}
    </fieldset>
  );
}
