export { splitFrontMatter } from './front-matter.ts';
export { type LoadResult, loadCurriculum } from './load.ts';
export type { Curriculum, IdMap, LoadedExercise, LoadedQuiz, Stage, Topic } from './model.ts';
export { resolveContentId } from './model.ts';
export { formatProblem, type Problem } from './problems.ts';
export { extractRunnableSnippets, type Snippet } from './snippets.ts';
