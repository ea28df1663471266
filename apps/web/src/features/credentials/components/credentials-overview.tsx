/**
 * The learner's credentials in plain words: what one proves, how to earn it (per stage, a checklist
 * of the graded work passed and left, with links), how someone else checks it, and any credential
 * that was withdrawn, with the reason.
 */
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { type StageChecklist, useCredentialChecklist, useCredentials } from '../api/use-credentials.ts';
import { EvidenceLink } from './credential-page.tsx';
import './credentials.css';

const KIND_WORD = { exercise: 'Exercise', quiz: 'Quiz', 'project-stage': 'Capstone' } as const;

function StageProgress({ stage }: { stage: StageChecklist }) {
  const left = stage.total - stage.passed;
  const summary =
    stage.total === 0
      ? 'no graded work yet, so no credential'
      : stage.credential
        ? 'earned'
        : `${stage.passed} of ${stage.total} passed, ${left} left`;
  return (
    <details className="credential-stage" open={!stage.credential && stage.passed > 0 && stage.total > 0}>
      <summary>
        Stage {stage.stageNumber}: {stage.stageTitle} — {summary}
      </summary>
      {stage.credential && (
        <p>
          <Link to="/credentials/$credentialId" params={{ credentialId: stage.credential.id }}>
            Open the credential
          </Link>{' '}
          · issued {new Date(stage.credential.issuedAt).toLocaleDateString()}
        </p>
      )}
      {stage.items.length > 0 && (
        <ul className="evidence-list" aria-label={`What stage ${stage.stageNumber} needs`}>
          {stage.items.map((item) => (
            <li key={`${item.kind}-${item.id}`} className={item.passed ? 'passed' : 'left'}>
              <span className={`evidence-mark${item.passed ? ' passed' : ''}`} aria-hidden="true">
                {item.passed ? '✓' : '○'}
              </span>
              <span className="visually-hidden">{item.passed ? 'Passed: ' : 'Not passed yet: '}</span>
              {KIND_WORD[item.kind]}: <EvidenceLink item={item} />
              {item.passed && item.passedAt && (
                <span className="muted"> — passed {new Date(item.passedAt).toLocaleDateString()}</span>
              )}
              {!item.passed && item.kind === 'project-stage' && (
                <span className="muted">
                  {' '}
                  — pass it with <code>backpath project test</code>, then send the report with{' '}
                  <code>backpath project submit</code>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function CredentialsOverview() {
  const checklist = useCredentialChecklist();
  const credentials = useCredentials();
  const revoked = (credentials.data ?? []).filter((c) => c.status === 'revoked');
  return (
    <section className="card stack" aria-labelledby="creds-title">
      <h2 id="creds-title">Credentials</h2>
      <p>
        A credential is a certificate Backpath signs for a stage once you have passed all of its graded work: every
        exercise and every quiz of the stage, and for the practice stage every stage of the capstone project. It shows
        that your work was checked here, not just ticked off. Topics you mark as done yourself help you keep track, but
        they do not count towards a credential.
      </p>
      <p>
        To let someone check one, send them its page. Their browser confirms that this Backpath issued it, that nothing
        in it was changed, and lists the work it rests on with the date each piece passed.
      </p>
      {checklist.isPending ? (
        <Loading label="Loading your credentials…" />
      ) : checklist.isError ? (
        <ErrorState error={checklist.error} />
      ) : (
        <div>
          <h3>Earned</h3>
          {checklist.data.some((s) => s.credential) ? (
            <ul>
              {checklist.data
                .filter((s) => s.credential)
                .map((s) => (
                  <li key={s.stageId}>
                    {s.stageTitle} · {new Date(s.credential!.issuedAt).toLocaleDateString()} ·{' '}
                    <Link to="/credentials/$credentialId" params={{ credentialId: s.credential!.id }}>
                      Verify
                    </Link>{' '}
                    ·{' '}
                    <a href={`/api/credentials/${s.credential!.id}`} download={`backpath-${s.stageId}.json`}>
                      Download
                    </a>
                  </li>
                ))}
            </ul>
          ) : (
            <p className="muted">None yet. Pass every exercise and quiz of a stage to earn its credential.</p>
          )}
          <h3>How to earn each one</h3>
          {checklist.data.map((s) => (
            <StageProgress key={s.stageId} stage={s} />
          ))}
        </div>
      )}
      {revoked.length > 0 && (
        <div>
          <h3>Withdrawn</h3>
          <ul>
            {revoked.map((c) => (
              <li key={c.id}>
                {c.stageTitle}: revoked{c.revokedAt ? ` on ${new Date(c.revokedAt).toLocaleDateString()}` : ''}.{' '}
                {c.revokedReason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
