/**
 * The exercise screen: instructions beside an editor for the exercise's language, Run (visible
 * checks) and Submit (all checks) with results in place, reset, previous submissions with their
 * review comments, Ctrl+Enter. A solved exercise opened where no draft is kept shows the passing solution.
 */
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../../components/ui/query-state.tsx';
import type { PublicExercise, Submission } from '../../../lib/api-types.ts';
import { useMe } from '../../auth/api/use-me.ts';
import { useExercise, useGrade, usePassingSolution, useSubmissions } from '../api/use-exercise.ts';
import { editorLanguage, LANGUAGE_LABEL } from '../lib/editor-language.ts';
import { CodeEditor } from './code-editor.tsx';
import { ExerciseBrief } from './exercise-brief.tsx';
import { LocalExerciseSteps } from './local-exercise-steps.tsx';
import { ResultView } from './result-view.tsx';
import { SubmissionList } from './submission-list.tsx';
import './exercise.css';

const draftKey = (id: string) => `backpath.draft.${id}`;
const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

export function ExercisePage() {
  const { exerciseId } = useParams({ from: '/exercises/$exerciseId' });
  const exercise = useExercise(exerciseId);
  if (exercise.isPending) return <Loading label="Loading the exercise…" />;
  if (exercise.isError) return <ErrorState error={exercise.error} />;
  return <Workspace exercise={exercise.data} />;
}

/** The workspace for one loaded exercise (exported for its component tests). */
export function Workspace({ exercise }: { exercise: PublicExercise }) {
  const me = useMe();
  const signedIn = Boolean(me.data);
  const [code, setCode] = useState(() => localStorage.getItem(draftKey(exercise.id)) ?? exercise.starter);
  const [shown, setShown] = useState<Submission | null>(null);
  const grade = useGrade(exercise.id);
  const submissions = useSubmissions(exercise.id, signedIn);
  const language = editorLanguage(exercise);
  const isLocal = exercise.kind === 'local';

  // In a browser with no draft, a solved exercise opens with the learner's passing solution, not the starter.
  const hadDraft = useRef(localStorage.getItem(draftKey(exercise.id)) !== null);
  const passing = usePassingSolution(exercise.id, signedIn && !hadDraft.current && !isLocal);
  const [restored, setRestored] = useState<Submission | null>(null);
  const restoreTried = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: applied once, and only over untouched starter code
  useEffect(() => {
    if (!passing.data || restoreTried.current) return;
    restoreTried.current = true;
    if (code !== exercise.starter) return;
    setCode(passing.data.code);
    setRestored(passing.data);
  }, [passing.data]);

  useEffect(() => {
    if (code === exercise.starter) localStorage.removeItem(draftKey(exercise.id));
    else localStorage.setItem(draftKey(exercise.id), code);
  }, [code, exercise]);

  const send = (mode: 'run' | 'submit') => {
    if (!signedIn || grade.isPending) return;
    grade.mutate(
      { code, mode },
      {
        onSuccess: (sub) => {
          setShown(sub);
          // On a phone the result is below the editor: bring it into view once it is rendered.
          requestAnimationFrame(() => document.getElementById('result-title')?.scrollIntoView({ block: 'nearest' }));
        },
      },
    );
  };

  return (
    <div className="page exercise-layout">
      <ExerciseBrief exercise={exercise} />
      <section className="workspace" aria-label="Your answer">
        {isLocal ? (
          <LocalExerciseSteps exerciseId={exercise.id} />
        ) : (
          <>
            <div className="editor-bar">
              <span className="pill">{LANGUAGE_LABEL[language]}</span>
              <span className="muted small kbd-hint">
                <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor
              </span>
            </div>
            {restored && (
              <p className="restored-note" role="status">
                Loaded your passing solution from {formatDay(restored.gradedAt ?? restored.createdAt)}.
              </p>
            )}
            <CodeEditor
              value={code}
              language={language}
              label={`Your ${LANGUAGE_LABEL[language]} answer`}
              onChange={setCode}
              onRun={() => send('run')}
              onSubmit={() => send('submit')}
            />
            <div className="actions">
              {signedIn ? (
                <>
                  <button type="button" className="button" onClick={() => send('run')} disabled={grade.isPending}>
                    {grade.isPending && grade.variables?.mode === 'run' ? 'Running…' : 'Run'}
                  </button>
                  <button
                    type="button"
                    className="button primary"
                    onClick={() => send('submit')}
                    disabled={grade.isPending}
                  >
                    {grade.isPending && grade.variables?.mode === 'submit' ? 'Checking…' : 'Submit'}
                  </button>
                </>
              ) : (
                <p className="muted">
                  <Link to="/sign-in">Sign in</Link> or <Link to="/sign-up">create a free account</Link> to run your
                  answer against the checks.
                </p>
              )}
              <button
                type="button"
                className="button ghost"
                onClick={() => {
                  if (code === exercise.starter || window.confirm('Replace your code with the starter code?')) {
                    setCode(exercise.starter);
                    setRestored(null);
                  }
                }}
              >
                Reset to starter
              </button>
            </div>
            <FormError error={grade.error} />
            {shown?.result ? (
              <ResultView result={shown.result} mode={shown.mode} />
            ) : shown?.status === 'failed' ? (
              <div className="alert error" role="alert">
                Grading did not finish. Please run it again.
              </div>
            ) : null}
          </>
        )}
        {me.data && submissions.data && submissions.data.length > 0 && (
          <SubmissionList
            submissions={submissions.data}
            viewerId={me.data.id}
            onOpen={(s) => {
              setCode(s.code);
              setShown(s);
            }}
          />
        )}
      </section>
    </div>
  );
}
