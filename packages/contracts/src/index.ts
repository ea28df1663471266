export * from './content.ts';
export * from './exercise.ts';
export * from './grade-result.ts';
