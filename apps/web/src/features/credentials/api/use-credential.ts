/** One credential (its JWT, evidence, revocation and the issuer to expect) and the instance's public keys. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';
import type { PublicJwk } from '../lib/verify-credential.ts';

/** One piece of graded work a credential rests on, as the API lists it. */
export interface EvidenceItem {
  kind: 'exercise' | 'quiz' | 'project-stage';
  id: string;
  title: string;
  topicId: string | null;
  projectId: string | null;
  passed: boolean;
  passedAt: string | null;
  sha256: string | null;
}

export interface CredentialJwt {
  id: string;
  stageId: string;
  stageTitle: string;
  issuedAt: string;
  issuer: string;
  jwt: string;
  status?: 'valid' | 'revoked';
  revokedAt?: string | null;
  revokedReason?: string | null;
  evidence?: EvidenceItem[];
}

export const useCredentialJwt = (id: string) =>
  useQuery({ queryKey: ['credential', id], queryFn: () => get<CredentialJwt>(`/api/credentials/${id}`) });

export const useJwks = () =>
  useQuery({
    queryKey: ['jwks'],
    staleTime: 60 * 60_000,
    queryFn: () => get<{ keys: PublicJwk[] }>('/.well-known/jwks.json'),
  });
