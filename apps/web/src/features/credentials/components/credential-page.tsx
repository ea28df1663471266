/**
 * A shareable credential page: fetches the credential and this instance's public keys, checks the
 * signature in the browser, and says plainly whether it is valid or was revoked, what it proves (the
 * graded work it lists) and how anyone can check it. Technical details sit behind "For developers".
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { type CredentialJwt, type EvidenceItem, useCredentialJwt, useJwks } from '../api/use-credential.ts';
import { type PublicJwk, verifyCredential } from '../lib/verify-credential.ts';
import './credentials.css';

export function CredentialPage() {
  const { credentialId } = useParams({ from: '/credentials/$credentialId' });
  const credential = useCredentialJwt(credentialId);
  const jwks = useJwks();
  if (credential.isPending || jwks.isPending) return <Loading label="Loading the credential…" />;
  if (credential.isError) return <ErrorState error={credential.error} />;
  if (jwks.isError) return <ErrorState error={jwks.error} />;
  return <CredentialVerdict credential={credential.data} keys={jwks.data.keys} />;
}

function download(credential: CredentialJwt) {
  const url = URL.createObjectURL(new Blob([credential.jwt], { type: 'application/jwt' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `backpath-${credential.stageId}.jwt`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const KIND_LABEL: Record<EvidenceItem['kind'], string> = {
  exercise: 'Exercise',
  quiz: 'Quiz',
  'project-stage': 'Capstone project',
};

const day = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : '');

/** Where a piece of evidence can be looked at on this site (capstone stages have no page of their own). */
export function EvidenceLink({ item }: { item: EvidenceItem }) {
  if (item.kind === 'exercise') {
    return (
      <Link to="/exercises/$exerciseId" params={{ exerciseId: item.id }}>
        {item.title}
      </Link>
    );
  }
  if (item.kind === 'quiz') {
    return (
      <Link to="/quizzes/$quizId" params={{ quizId: item.id }}>
        {item.title}
      </Link>
    );
  }
  return <>{item.title}</>;
}

export function CredentialVerdict({ credential, keys }: { credential: CredentialJwt; keys: PublicJwk[] }) {
  const verdict = useQuery({
    queryKey: ['credential-verdict', credential.jwt],
    queryFn: () => verifyCredential(credential.jwt, { keys }, credential.issuer),
  });
  const revoked = credential.status === 'revoked';
  const evidence = credential.evidence ?? [];
  const site = credential.issuer.replace(/^https?:\/\//, '');
  return (
    <section className="page narrow stack" aria-labelledby="credential-title">
      <h1 id="credential-title">Credential: {credential.stageTitle}</h1>
      {revoked ? (
        <div className="card credential revoked" role="alert">
          <p className="alert error">
            <strong>Revoked</strong>
            {credential.revokedAt ? ` on ${day(credential.revokedAt)}` : ''}: {credential.revokedReason}
          </p>
          <p className="muted small">
            {site} withdrew this credential. It no longer counts as proof of anything, even though the file itself still
            carries {site}’s signature.
          </p>
        </div>
      ) : verdict.isPending ? (
        <Loading label="Checking the signature…" />
      ) : verdict.isError || !verdict.data ? (
        <p className="alert error" role="alert">
          Not valid: the credential could not be checked.
        </p>
      ) : verdict.data.valid ? (
        <div className="card credential valid" role="status">
          <p className="alert success">
            <strong>Valid</strong> — issued by {verdict.data.issuerName} ({verdict.data.issuer}) to{' '}
            <strong>{verdict.data.learner}</strong> for stage <strong>{verdict.data.stage}</strong>
            {verdict.data.issuedAt ? ` on ${verdict.data.issuedAt.toLocaleDateString()}` : ''}.
          </p>
          <p className="muted small">
            Your browser confirmed that {site} issued it and that nothing in it has changed since.
            {verdict.data.expiresAt
              ? ` It expires on ${verdict.data.expiresAt.toLocaleDateString()}.`
              : ' It does not expire.'}
          </p>
        </div>
      ) : (
        <p className="alert error" role="alert">
          <strong>Not valid:</strong> {verdict.data.reason}
        </p>
      )}

      <section className="card" aria-labelledby="proves-title">
        <h2 id="proves-title">What it proves</h2>
        {evidence.length > 0 ? (
          <>
            <p>
              The learner passed every graded exercise and every quiz of the stage “{credential.stageTitle}”
              {evidence.some((e) => e.kind === 'project-stage') ? ', and every stage of the capstone project,' : ''} on{' '}
              {site}. Backpath checked each piece of work automatically when it was handed in. Topics that were only
              ticked as done, and work brought in from elsewhere, do not count.
            </p>
            <ul className="evidence-list">
              {evidence.map((e) => (
                <li key={`${e.kind}-${e.id}`}>
                  <span className="pill">{KIND_LABEL[e.kind]}</span> <EvidenceLink item={e} />{' '}
                  <span className="muted">— passed {day(e.passedAt)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>This credential lists no checked work, so it proves nothing about what was learned.</p>
        )}
      </section>

      <section className="card" aria-labelledby="check-title">
        <h2 id="check-title">How anyone can check it</h2>
        <p>
          Share this page’s address. Whoever opens it sees what you see: their browser fetches the credential from{' '}
          {site} and checks {site}’s signature on it, so a copy that was edited shows up as not valid. If {site}{' '}
          withdraws a credential, this page says so and why.
        </p>
        <p>
          The downloaded file can be checked the same way, offline, with the public key {site} publishes; any standard
          tool for signed credentials can do it.
        </p>
      </section>

      <div className="actions">
        <button type="button" className="button" onClick={() => download(credential)}>
          Download the credential (JWT)
        </button>
      </div>

      <details className="card developer-details">
        <summary>For developers</summary>
        <p className="small">
          The credential is an Open Badges 3.0 <code>OpenBadgeCredential</code> (a W3C Verifiable Credential) encoded as
          a VC-JWT and signed with EdDSA (Ed25519). Verify it with the keys at{' '}
          <a href="/.well-known/jwks.json">/.well-known/jwks.json</a> (JWKS) and expect <code>iss</code> to be{' '}
          <code>{credential.issuer}</code>. Revocation is not in the signed file: ask{' '}
          <code>GET /api/credentials/{credential.id}</code> for <code>status</code> and <code>revokedReason</code>.
        </p>
        {evidence.length > 0 && (
          <div className="table-wrap">
            <table className="small">
              <caption>Evidence: when each item passed and a SHA-256 of the passing work</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Passed at</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {evidence.map((e) => (
                  <tr key={`${e.kind}-${e.id}`}>
                    <td>
                      {e.kind} <code>{e.id}</code>
                    </td>
                    <td>{e.passedAt}</td>
                    <td>
                      <code className="hash">{e.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </section>
  );
}
