/** The left column of an exercise: instructions, the data it works on, visible checks and hints. */

import { Link } from '@tanstack/react-router';
import { RenderedHtml } from '../../../components/ui/rendered-html.tsx';
import type { PublicExercise } from '../../../lib/api-types.ts';

export function ExerciseBrief({ exercise }: { exercise: PublicExercise }) {
  const sqlSetup = exercise.kind === 'sql' ? (exercise.setup?.sql as string | undefined) : undefined;
  return (
    <article className="brief">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Roadmap</Link> <span aria-hidden="true">›</span>{' '}
        <Link to="/topics/$topicId" params={{ topicId: exercise.topicId }}>
          Lesson
        </Link>
      </nav>
      <h1>{exercise.title}</h1>
      <p>
        <span className="pill">{exercise.difficulty}</span>{' '}
        {exercise.minutes && <span className="muted small">about {exercise.minutes} minutes</span>}
      </p>
      <RenderedHtml html={exercise.instructionsHtml} />
      {sqlSetup && (
        <details>
          <summary>The tables and data</summary>
          <pre className="console">{sqlSetup}</pre>
        </details>
      )}
      {exercise.visibleChecks.length > 0 && (
        <>
          <h2 className="h3">Checks</h2>
          <ul className="checks">
            {exercise.visibleChecks.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: checks are listed in a fixed order
              <li key={i}>{String(c.name)}</li>
            ))}
          </ul>
          {exercise.hiddenCheckCount > 0 && (
            <p className="muted small">
              Submit also runs {exercise.hiddenCheckCount} hidden check{exercise.hiddenCheckCount > 1 ? 's' : ''}.
            </p>
          )}
        </>
      )}
      {exercise.hints.length > 0 && (
        <div className="hints">
          {exercise.hints.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: hints are listed in a fixed order
            <details key={i}>
              <summary>Hint {i + 1}</summary>
              <p>{h}</p>
            </details>
          ))}
        </div>
      )}
    </article>
  );
}
