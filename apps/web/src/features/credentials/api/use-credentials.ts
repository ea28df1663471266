/** My credentials (revoked ones included) and, per stage, the graded work a credential needs. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../lib/api-client.ts';
import type { EvidenceItem } from './use-credential.ts';

export interface Credential {
  id: string;
  stageId: string;
  stageTitle: string;
  issuedAt: string;
  url: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokedReason: string | null;
  evidence: EvidenceItem[];
}

export interface StageChecklist {
  stageId: string;
  stageTitle: string;
  stageNumber: number;
  complete: boolean;
  passed: number;
  total: number;
  items: EvidenceItem[];
  credential: Credential | null;
}

export const useCredentials = () =>
  useQuery({
    queryKey: ['credentials'],
    queryFn: async () => (await get<{ items: Credential[] }>('/api/credentials')).items,
  });

export const useCredentialChecklist = () =>
  useQuery({
    queryKey: ['credentials', 'checklist'],
    queryFn: async () => (await get<{ stages: StageChecklist[] }>('/api/credentials/checklist')).stages,
  });
