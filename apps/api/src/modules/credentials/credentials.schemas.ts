/** Response schemas of the credential endpoints (what the OpenAPI document at /docs shows). */
import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const EvidenceItemSchema = Type.Object({
  kind: Type.Union([Type.Literal('exercise'), Type.Literal('quiz'), Type.Literal('project-stage')]),
  id: Type.String({ description: 'Exercise id, quiz id, or capstone stage id' }),
  title: Type.String(),
  topicId: Nullable(Type.String({ description: 'The topic of an exercise or quiz' })),
  projectId: Nullable(Type.String({ description: 'The capstone project of a project stage' })),
  passed: Type.Boolean(),
  passedAt: Nullable(Type.String({ format: 'date-time', description: 'When the first passing work was graded' })),
  sha256: Nullable(
    Type.String({ description: 'SHA-256 (hex) of the passing code, quiz answers (canonical JSON) or tester report' }),
  ),
});

export const CredentialSummarySchema = Type.Object({
  id: Type.String(),
  stageId: Type.String(),
  stageTitle: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  url: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedReason: Nullable(Type.String()),
  evidence: Type.Array(EvidenceItemSchema, { description: 'The graded work the credential was issued on' }),
});

export const CredentialListResponse = Type.Object({ items: Type.Array(CredentialSummarySchema) });

export const CredentialResponse = Type.Intersect([
  CredentialSummarySchema,
  Type.Object({
    issuer: Type.String({ description: 'The `iss` a verifier should expect: this instance’s public URL' }),
    jwt: Type.String({ description: 'The signed credential (VC-JWT, EdDSA), verifiable with /.well-known/jwks.json' }),
  }),
]);

export const ChecklistResponse = Type.Object({
  stages: Type.Array(
    Type.Object({
      stageId: Type.String(),
      stageTitle: Type.String(),
      stageNumber: Type.Integer(),
      complete: Type.Boolean({ description: 'Every graded item of the stage passed: the credential is earned' }),
      passed: Type.Integer(),
      total: Type.Integer(),
      items: Type.Array(EvidenceItemSchema),
      credential: Type.Union([CredentialSummarySchema, Type.Null()]),
    }),
  ),
});
