/** The capstone's stages in order; numbers and ids match content/projects/bookmarks-api/project.yaml. */
import { healthStage } from './01-health.ts';
import { createReadStage } from './02-create-read.ts';
import { listStage } from './03-list.ts';
import { updateDeleteStage } from './04-update-delete.ts';
import { validationStage } from './05-validation.ts';
import { persistenceStage } from './06-persistence.ts';
import { authenticationStage } from './07-authentication.ts';
import { authorizationStage } from './08-authorization.ts';
import { cachingLoadStage } from './09-caching-load.ts';
import { securityStage } from './10-security.ts';
import { operationsStage } from './11-operations.ts';
import type { Stage } from './stage-types.ts';

export const STAGES: readonly Stage[] = [
  healthStage,
  createReadStage,
  listStage,
  updateDeleteStage,
  validationStage,
  persistenceStage,
  authenticationStage,
  authorizationStage,
  cachingLoadStage,
  securityStage,
  operationsStage,
];

export const AUTH_STAGE = authenticationStage.number;
