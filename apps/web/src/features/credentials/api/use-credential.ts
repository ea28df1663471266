/** One credential (its JWT and the issuer to expect) and the instance's published keys, both public. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';
import type { PublicJwk } from '../lib/verify-credential.ts';

export interface CredentialJwt {
  id: string;
  stageId: string;
  stageTitle: string;
  issuedAt: string;
  issuer: string;
  jwt: string;
}

export const useCredentialJwt = (id: string) =>
  useQuery({ queryKey: ['credential', id], queryFn: () => get<CredentialJwt>(`/api/credentials/${id}`) });

export const useJwks = () =>
  useQuery({
    queryKey: ['jwks'],
    staleTime: 60 * 60_000,
    queryFn: () => get<{ keys: PublicJwk[] }>('/.well-known/jwks.json'),
  });
