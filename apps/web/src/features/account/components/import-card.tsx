/**
 * "Bring your learning here": upload an export from another Backpath (the learning export, or the
 * whole "Download all my data" file, whose `learning` part is sent) and see what was merged.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { FormError } from '../../../components/ui/query-state.tsx';
import { post } from '../../../lib/api-client.ts';

interface ImportOutcome {
  imported: Record<string, number>;
  notes: string[];
}

const LABELS: Record<string, string> = {
  progress: 'topic statuses',
  notes: 'notes',
  links: 'saved links',
  submissions: 'submissions (kept as imported)',
  quizAttempts: 'quiz attempts (kept as imported)',
  activityDays: 'days of activity',
  reviewCards: 'review cards',
  keptFromOrigin: 'credentials, reports, cohorts and comments kept as imported',
};

/** The learning document inside a file: the whole-account export wraps it in `learning`. */
export function learningDocument(file: unknown): unknown {
  if (file && typeof file === 'object' && 'learning' in file) return (file as { learning: unknown }).learning;
  return file;
}

export function ImportCard() {
  const qc = useQueryClient();
  const [readError, setReadError] = useState<Error | null>(null);
  const upload = useMutation({
    mutationFn: (doc: unknown) => post<ImportOutcome>('/api/me/learning-import', doc),
    onSuccess: () => qc.invalidateQueries(),
  });
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setReadError(null);
    let doc: unknown;
    try {
      doc = learningDocument(JSON.parse(await file.text()));
    } catch {
      setReadError(new Error(`${file.name} is not a JSON export from Backpath.`));
      return;
    }
    upload.mutate(doc);
  };
  const counts = upload.data ? Object.entries(upload.data.imported).filter(([k, n]) => n > 0 && LABELS[k]) : [];
  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">Bring your learning here</h2>
      <p>
        Moving from another Backpath? Upload its export. Statuses only move forward and nothing is added twice, so
        uploading the same file again is safe. Work graded elsewhere is kept as imported: it shows in your history, but
        to earn credentials here you pass the exercises again.
      </p>
      <label className="stack">
        <span>Export file (JSON)</span>
        <input type="file" accept="application/json,.json" onChange={choose} disabled={upload.isPending} />
      </label>
      <FormError error={readError ?? upload.error} />
      {upload.data && (
        <div role="status" className="stack">
          <p>
            {counts.length === 0
              ? 'Nothing new: everything in this file was already here.'
              : `Imported ${counts.map(([k, n]) => `${n} ${LABELS[k]}`).join(', ')}.`}
          </p>
          {upload.data.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
