/**
 * Server-side quiz checking: answers never reach the browser before an attempt; afterwards every
 * question reports correct or not with all the explanations.
 */
import type { Question, QuizFile } from '@backpath/contracts';

export type QuizAnswers = Record<string, string | string[]>;

/** A malformed attempt (unknown question, wrong answer shape): the API answers 400. */
export class QuizAnswerError extends Error {
  readonly code = 'invalid_quiz_answer';
  readonly questionId?: string;
  constructor(message: string, questionId?: string) {
    super(message);
    this.name = 'QuizAnswerError';
    this.questionId = questionId;
  }
}

export interface QuestionResult {
  id: string;
  correct: boolean;
  /** What the learner answered (choice ids, or the short answer text). */
  given: string | string[] | null;
  /** The correct choice ids (single/multiple) or the accepted answers (short). */
  correctAnswer: string[];
  /** Text of the correct choices, or the first accepted short answer. */
  correctText: string[];
  /** Every choice's explanation, so the learner learns why each option is right or wrong. */
  explanations: { id: string; text: string; explanation: string; correct: boolean }[];
  /** For short answers: the question's explanation. */
  explanation?: string;
}

export interface QuizResult {
  quizId: string;
  score: { correct: number; total: number };
  questions: QuestionResult[];
}

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function correctIds(q: Question): string[] {
  if (q.type === 'single') return [q.answer];
  if (q.type === 'multiple') return q.answers;
  return q.accept;
}

function check(q: Question, given: string | string[] | undefined): boolean {
  if (given === undefined) return false;
  const ids = (list: string[]) => {
    const known = q.type === 'short' ? [] : q.choices.map((c) => c.id);
    const unknown = list.find((id) => !known.includes(id));
    if (unknown !== undefined) throw new QuizAnswerError(`"${unknown}" is not a choice of question ${q.id}.`, q.id);
  };
  switch (q.type) {
    case 'single':
      if (typeof given !== 'string')
        throw new QuizAnswerError(`Question ${q.id} takes one choice id as a string.`, q.id);
      ids([given]);
      return given === q.answer;
    case 'multiple': {
      if (!Array.isArray(given) || given.some((g) => typeof g !== 'string'))
        throw new QuizAnswerError(`Question ${q.id} takes an array of choice ids.`, q.id);
      ids(given);
      const picked = new Set(given);
      return picked.size === q.answers.length && q.answers.every((a) => picked.has(a));
    }
    case 'short':
      if (typeof given !== 'string') throw new QuizAnswerError(`Question ${q.id} takes a text answer.`, q.id);
      if (given.length > 1000) throw new QuizAnswerError(`The answer to ${q.id} is too long.`, q.id);
      return q.accept.some((a) => normalize(a) === normalize(given));
  }
}

export function gradeQuiz(quiz: QuizFile, answers: QuizAnswers): QuizResult {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    throw new QuizAnswerError('Answers must be an object of question id -> answer.');
  }
  const ids = new Set(quiz.questions.map((q) => q.id));
  const unknown = Object.keys(answers).find((id) => !ids.has(id));
  if (unknown !== undefined) throw new QuizAnswerError(`Quiz ${quiz.id} has no question "${unknown}".`, unknown);
  const questions = quiz.questions.map((q): QuestionResult => {
    const given = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const correct = check(q, given);
    const right = correctIds(q);
    const base = { id: q.id, correct, given: given ?? null, correctAnswer: right };
    if (q.type === 'short')
      return { ...base, correctText: [q.accept[0] as string], explanations: [], explanation: q.explanation };
    return {
      ...base,
      correctText: q.choices.filter((c) => right.includes(c.id)).map((c) => c.text),
      explanations: q.choices.map((c) => ({
        id: c.id,
        text: c.text,
        explanation: c.explanation,
        correct: right.includes(c.id),
      })),
    };
  });
  return {
    quizId: quiz.id,
    score: { correct: questions.filter((q) => q.correct).length, total: questions.length },
    questions,
  };
}
