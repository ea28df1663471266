/**
 * The graders a learner's machine runs through the `backpath` CLI: git verification, practice-repository
 * setup and config rules. A separate entry so the CLI bundle never pulls in the engines behind `grade()`
 * (PGlite, QuickJS, Pyodide); everything here needs only Node and git.
 */
export { checkConfig } from './engines/config/check-config.ts';
export { prepareRepository } from './engines/local/prepare.ts';
export { verifyGitRepository } from './engines/local/verify.ts';
