/**
 * The signed form of a stage credential: an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable
 * Credential) as a JWT signed with the instance's Ed25519 key (VC-JWT, ADR 006). Its `evidence`
 * lists every graded item the stage required, each with when it passed and a SHA-256 of the passing
 * work, so the credential says on its face what was verified (ADR 012).
 */
import type { Stage } from '@backpath/curriculum';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key.ts';
import type { EvidenceItem } from './stage-evidence.ts';

export interface PayloadInput {
  id: string;
  issuer: string;
  roadmapTitle: string;
  learner: { id: string; name: string };
  stage: Stage;
  capstone: boolean;
  evidence: EvidenceItem[];
  issuedAt: Date;
}

const KIND_WORD = { exercise: 'Exercise', quiz: 'Quiz', 'project-stage': 'Capstone stage' } as const;

export function criteria(stage: Stage, roadmapTitle: string, capstone: boolean): string {
  return (
    `Passed every graded exercise and every quiz of stage ${stage.number} of the ${roadmapTitle}` +
    (capstone ? ', and every stage of the capstone project as checked by its tester,' : '') +
    ' on the issuing instance. Topics marked done by the learner and imported work do not count.'
  );
}

export async function signCredential(key: SigningKey, input: PayloadInput): Promise<string> {
  const { id, issuer, stage } = input;
  const credentialId = `urn:uuid:${id}`;
  const subject = `urn:backpath:learner:${input.learner.id}`;
  const vc = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Backpath' },
    validFrom: input.issuedAt.toISOString(),
    name: `Completed: ${stage.title}`,
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      name: input.learner.name,
      achievement: {
        id: `${issuer}/achievements/${stage.id}`,
        type: ['Achievement'],
        name: stage.title,
        description: stage.summary,
        criteria: { narrative: criteria(stage, input.roadmapTitle, input.capstone) },
      },
    },
    evidence: input.evidence.map((e) => ({
      id: `${issuer}/api/credentials/${id}#${e.kind}-${e.id}`,
      type: ['Evidence'],
      name: `${KIND_WORD[e.kind]}: ${e.title}`,
      genre: e.kind,
      narrative: `Passed ${e.passedAt}, graded on ${issuer}. SHA-256 of the passing ${e.kind === 'quiz' ? 'answers' : e.kind === 'exercise' ? 'submission' : 'tester report'}: ${e.sha256}.`,
      // Machine-readable twins of the narrative (extension terms, kept flat).
      itemId: e.id,
      passedAt: e.passedAt,
      sha256: e.sha256,
    })),
  };
  return new SignJWT({ vc })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(subject)
    .setJti(credentialId)
    .setIssuedAt(input.issuedAt)
    .setNotBefore(input.issuedAt)
    .sign(key.privateKey);
}
