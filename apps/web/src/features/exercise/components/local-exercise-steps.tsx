/** For a `local` exercise: the two `backpath verify` steps (check, then record) that replace the editor. */
import { CliInstall } from '../../../components/ui/cli-install.tsx';

export function LocalExerciseSteps({ exerciseId }: { exerciseId: string }) {
  return (
    <div className="card">
      <h2>Solve it on your machine</h2>
      <p>
        This exercise is checked by the <code>backpath</code> command-line tool in your own repository. First check your
        work; it prints what is right and what is missing:
      </p>
      <pre className="console">backpath verify {exerciseId}</pre>
      <p>When every check passes, record it as your submission:</p>
      <pre className="console">backpath verify {exerciseId} --submit</pre>
      <CliInstall />
    </div>
  );
}
