/**
 * Grades a quiz attempt on the server. Answers are checked against the quiz's own questions and
 * kinds first, so answers meant for another quiz, or an array for a single-choice question, are a
 * clear 400 instead of a silent "wrong". Correct answers and explanations appear only in the result
 * (of the whole attempt, or of one question the learner has just answered).
 */
import type { LoadedQuiz } from '@backpath/curriculum';
import { AppError, notFound } from '../../errors.ts';

export type Answers = Record<string, string | string[]>;

export interface QuestionResult {
  id: string;
  type: 'single' | 'multiple' | 'short';
  prompt: string;
  correct: boolean;
  answered: boolean;
  given: string | string[] | null;
  correctAnswer: string | string[];
  explanation?: string;
  choices?: { id: string; text: string; explanation: string; correct: boolean; chosen: boolean }[];
}

/** The share of questions to answer correctly to pass a quiz. */
export const PASS_RATIO = 0.7;

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function validateAnswers(quiz: LoadedQuiz, answers: Answers): void {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const unknown = Object.keys(answers).filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Quiz "${quiz.id}" has no question(s) ${unknown.join(', ')}.`, {
      unknownQuestions: unknown,
    });
  }
  const problems: string[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const q = byId.get(id)!;
    if (q.type === 'multiple') {
      if (!Array.isArray(answer)) problems.push(`${id}: a multiple-choice question takes an array of choice ids`);
      else if (answer.some((a) => !q.choices.some((c) => c.id === a))) problems.push(`${id}: unknown choice id`);
    } else if (typeof answer !== 'string') {
      problems.push(`${id}: a ${q.type === 'single' ? 'single-choice' : 'short-answer'} question takes one string`);
    } else if (q.type === 'single' && !q.choices.some((c) => c.id === answer)) {
      problems.push(`${id}: unknown choice id "${answer}"`);
    }
  }
  if (problems.length > 0)
    throw new AppError('validation_failed', 'Some answers do not fit their questions.', { problems });
}

type Question = LoadedQuiz['questions'][number];

/** One question's result: whether the answer is right, the right answer and the explanations. */
export function gradeQuestion(q: Question, given: string | string[] | null): QuestionResult {
  const base = { id: q.id, type: q.type, prompt: q.prompt, answered: given !== null, given };
  if (q.type === 'short') {
    const correct = typeof given === 'string' && q.accept.some((a) => normalise(a) === normalise(given));
    return { ...base, correct, correctAnswer: q.accept[0]!, explanation: q.explanation };
  }
  const right = q.type === 'single' ? [q.answer] : q.answers;
  const chosen = given === null ? [] : Array.isArray(given) ? given : [given];
  const correct = chosen.length === right.length && right.every((r) => chosen.includes(r));
  return {
    ...base,
    correct,
    correctAnswer: q.type === 'single' ? q.answer : [...q.answers],
    choices: q.choices.map((c) => ({ ...c, correct: right.includes(c.id), chosen: chosen.includes(c.id) })),
  };
}

export function gradeAttempt(quiz: LoadedQuiz, answers: Answers) {
  validateAnswers(quiz, answers);
  const questions = quiz.questions.map((q) => gradeQuestion(q, answers[q.id] ?? null));
  const correct = questions.filter((q) => q.correct).length;
  const total = questions.length;
  return { correct, total, passed: correct >= Math.ceil(total * PASS_RATIO), questions };
}

/**
 * Checks one answered question of a quiz, for feedback right after answering: only that
 * question's result is returned, and nothing is stored (the attempt is still graded as a whole).
 */
export function checkQuestion(quiz: LoadedQuiz, questionId: string, answer: string | string[]): QuestionResult {
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) throw notFound('Question', `${quiz.id}.${questionId}`);
  validateAnswers(quiz, { [questionId]: answer });
  return gradeQuestion(question, answer);
}

/** A question as shown before an attempt: no answers, no explanations. */
export function publicQuestion(q: LoadedQuiz['questions'][number]) {
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    ...(q.type === 'short' ? {} : { choices: q.choices.map((c) => ({ id: c.id, text: c.text })) }),
  };
}
