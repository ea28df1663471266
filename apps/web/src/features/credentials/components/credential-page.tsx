/**
 * A shareable credential page: fetches the credential and this instance's public keys, verifies
 * the signature in the browser (WebCrypto, Ed25519), and says plainly whether it is valid.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { type CredentialJwt, useCredentialJwt, useJwks } from '../api/use-credential.ts';
import { type PublicJwk, verifyCredential } from '../lib/verify-credential.ts';

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

export function CredentialVerdict({ credential, keys }: { credential: CredentialJwt; keys: PublicJwk[] }) {
  const verdict = useQuery({
    queryKey: ['credential-verdict', credential.jwt],
    queryFn: () => verifyCredential(credential.jwt, { keys }, credential.issuer),
  });
  return (
    <section className="page narrow stack" aria-labelledby="credential-title">
      <h1 id="credential-title">Credential: {credential.stageTitle}</h1>
      {verdict.isPending ? (
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
            The signature was checked in your browser against this instance’s published key (Ed25519).
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
      <div className="actions">
        <button type="button" className="button" onClick={() => download(credential)}>
          Download the credential (JWT)
        </button>
        <a href="/.well-known/jwks.json">Public keys (JWKS)</a>
      </div>
    </section>
  );
}
