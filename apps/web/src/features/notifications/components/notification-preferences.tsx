/** Which kinds of notification the learner wants: one checkbox per kind, saved as it changes. */
import { ErrorState } from '../../../components/ui/query-state.tsx';
import { type NotificationKind, usePreferences, useSetPreference } from '../api/use-notifications.ts';

const LABELS: Record<NotificationKind, string> = {
  comment: 'Comments on my submissions',
  reply: 'Replies to my comments',
  review_due: 'Review cards due (at most once a day)',
  credential: 'Credentials I earn',
};

export function NotificationPreferences() {
  const prefs = usePreferences();
  const save = useSetPreference();
  return (
    <section className="card notification-preferences" aria-labelledby="notification-prefs-title">
      <h2 id="notification-prefs-title">What to tell me about</h2>
      {prefs.error ? (
        <ErrorState error={prefs.error} />
      ) : (
        <fieldset disabled={!prefs.data || save.isPending}>
          <legend className="visually-hidden">Notify me in the app about</legend>
          {(Object.keys(LABELS) as NotificationKind[]).map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                name={kind}
                checked={prefs.data?.[kind].inApp ?? true}
                onChange={(e) => save.mutate({ kind, inApp: e.currentTarget.checked })}
              />{' '}
              {LABELS[kind]}
            </label>
          ))}
        </fieldset>
      )}
      {save.error ? (
        <p className="alert error" role="alert">
          {save.error.message}
        </p>
      ) : (
        <p className="small muted" role="status">
          {save.isSuccess ? 'Saved. ' : ''}A kind switched off is not recorded at all, so it will not show up later.
        </p>
      )}
    </section>
  );
}
