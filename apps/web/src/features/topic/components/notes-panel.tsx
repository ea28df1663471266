/** Private notes and bookmarked links on a topic (signed-in learners only). */
import { type FormEvent, useEffect, useState } from 'react';
import { FormError } from '../../../components/ui/query-state.tsx';
import { useLinkActions, useLinks, useNote, useSaveNote } from '../api/use-topic.ts';

export function NotesPanel({ topicId }: { topicId: string }) {
  const note = useNote(topicId, true);
  const save = useSaveNote(topicId);
  const links = useLinks(topicId, true);
  const { add, remove } = useLinkActions(topicId);
  const [draft, setDraft] = useState('');
  const [url, setUrl] = useState('');
  useEffect(() => {
    if (note.data) setDraft(note.data.body);
  }, [note.data]);

  const addLink = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ url }, { onSuccess: () => setUrl('') });
  };

  return (
    <section className="card stack" aria-labelledby="notes-title">
      <h2 id="notes-title">Your notes</h2>
      <div className="field">
        <label htmlFor={`note-${topicId}`}>Notes (Markdown, only you can see them)</label>
        <textarea id={`note-${topicId}`} value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      <button
        type="button"
        className="button small"
        disabled={save.isPending || draft === (note.data?.body ?? '')}
        onClick={() => save.mutate(draft)}
      >
        {save.isPending ? 'Saving…' : 'Save notes'}
      </button>
      {save.isSuccess && <span className="muted small"> Saved.</span>}
      <FormError error={save.error} />
      <h3>Your links</h3>
      {links.data && links.data.length > 0 ? (
        <ul className="link-list">
          {links.data.map((l) => (
            <li key={l.id}>
              <a href={l.url} rel="noopener noreferrer" target="_blank">
                {l.title}
              </a>{' '}
              <button
                type="button"
                className="button ghost small"
                aria-label={`Remove link ${l.title}`}
                onClick={() => remove.mutate(l.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No links yet.</p>
      )}
      <form onSubmit={addLink} className="inline-form">
        <label htmlFor={`link-${topicId}`} className="visually-hidden">
          Link to add
        </label>
        <input
          id={`link-${topicId}`}
          type="url"
          placeholder="https://…"
          value={url}
          required
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="button small" disabled={add.isPending}>
          Add link
        </button>
      </form>
      <FormError error={add.error} />
    </section>
  );
}
