/**
 * Shapes of the API's answers as the web app reads them, checked against `/openapi.json` and the
 * route files of apps/api (the grade result comes straight from @backpath/contracts).
 */
import type { GradeResult } from '@backpath/contracts';

export type { GradeResult, TestCaseResult } from '@backpath/contracts';

export type TopicStatus = 'not_started' | 'learning' | 'done' | 'skipped';
export type Role = 'learner' | 'mentor' | 'admin';

export interface TopicSummary {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  status: string;
  exerciseCount: number;
  hasQuiz: boolean;
}
export interface StageSummary {
  id: string;
  number: number;
  title: string;
  summary: string;
  why: string;
  topics: TopicSummary[];
}
/** GET /api/stages: the overview (no `why`, no topic summaries: those are on GET /api/stages/:id). */
export interface StageListItem extends Omit<StageSummary, 'why' | 'topics'> {
  topics: Omit<TopicSummary, 'summary'>[];
}
export interface StageList {
  title: string;
  contentVersion: string;
  stages: StageListItem[];
}
export interface Link {
  id: string;
  title: string;
}
export interface TopicDetail {
  id: string;
  stageId: string;
  title: string;
  summary: string;
  minutes: number;
  status: string;
  html: string;
  resources: { title: string; url: string; type: string }[];
  prerequisites: Link[];
  exercises: { id: string; title: string; kind: string; difficulty: string }[];
  quizId: string | null;
  previous: Link | null;
  next: Link | null;
}
export interface Completion {
  done: number;
  total: number;
  percent: number;
}
export interface ProgressResponse {
  overall: Completion;
  stages: (Completion & { id: string; title: string; number: number; topics: { id: string; status: TopicStatus }[] })[];
}
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}
/** `GET /api/me`: the signed-in account and the settings that decide which actions to offer. */
export interface Me extends User {
  twoFactorEnabled: boolean;
}
export interface PublicExercise {
  id: string;
  topicId: string;
  title: string;
  kind: string;
  difficulty: string;
  minutes: number | null;
  instructions: string;
  instructionsHtml: string;
  starter: string;
  hints: string[];
  language?: string;
  setup?: Record<string, unknown>;
  visibleChecks: Record<string, unknown>[];
  hiddenCheckCount: number;
}
export interface Submission {
  id: string;
  exerciseId: string;
  status: 'queued' | 'grading' | 'graded' | 'failed';
  mode: 'run' | 'submit';
  code: string;
  result: GradeResult | null;
  createdAt: string;
  gradedAt: string | null;
  durationMs: number | null;
}
/** A review comment on a submission (Markdown rendered and sanitised by the server), with its replies. */
export interface SubmissionComment {
  id: string;
  parentId: string | null;
  author: { id: string; name: string };
  html: string;
  createdAt: string;
  replies: SubmissionComment[];
}
export interface Streak {
  current: number;
  longest: number;
  activeToday: boolean;
}
export interface Dashboard {
  completion: Completion;
  stages: (Completion & { id: string; title: string; number: number })[];
  streak: Streak;
  recentSubmissions: {
    id: string;
    exerciseId: string;
    title: string;
    mode: string;
    status: string;
    verdict: string | null;
    createdAt: string;
  }[];
  nextTopic: { id: string; title: string; stageId: string; status?: TopicStatus } | null;
}
export interface Activity {
  year: number;
  days: { date: string; count: number }[];
  streak: Streak;
}
export interface QuizQuestion {
  id: string;
  type: 'single' | 'multiple' | 'short';
  prompt: string;
  choices?: { id: string; text: string }[];
}
export interface Quiz {
  id: string;
  topicId: string;
  questions: QuizQuestion[];
}
export interface QuestionResult {
  id: string;
  type: QuizQuestion['type'];
  prompt: string;
  correct: boolean;
  answered: boolean;
  given: string | string[] | null;
  correctAnswer: string | string[];
  explanation?: string;
  choices?: { id: string; text: string; explanation: string; correct: boolean; chosen: boolean }[];
}
export interface QuizAttempt {
  id: string;
  quizId: string;
  topicId: string;
  correct: number;
  total: number;
  passed: boolean;
  questions: QuestionResult[];
  topicCompleted: boolean;
}
export interface ReviewQueue {
  items: { key: string; quizId: string; topicId: string; question: QuizQuestion; due: string; reps: number }[];
  count: number;
  nextDueAt: string | null;
}
