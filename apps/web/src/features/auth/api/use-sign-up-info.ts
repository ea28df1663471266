/** What signing up does on this server: whether it has a mail server, and whether no account exists yet. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';

export interface SignUpInfo {
  mailServer: boolean;
  firstAccount: boolean;
}

export function useSignUpInfo() {
  return useQuery({ queryKey: ['sign-up-info'], queryFn: () => get<SignUpInfo>('/api/auth/sign-up-info') });
}
