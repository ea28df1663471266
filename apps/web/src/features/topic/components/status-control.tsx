/** The learner's status for a topic as a group of radio buttons (keyboard friendly, one choice). */
import type { TopicStatus } from '../../../lib/api-types.ts';
import { STATUS_LABEL, STATUS_ORDER } from '../../../lib/status.ts';
import { useSetStatus, useStatuses } from '../../roadmap/api/use-roadmap.ts';

export function StatusControl({ topicId }: { topicId: string }) {
  const statuses = useStatuses();
  const setStatus = useSetStatus();
  const current: TopicStatus = statuses.data?.[topicId] ?? 'not_started';
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
            onChange={() => setStatus.mutate({ topicId, status: s })}
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
